package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.build.sandbox.MemoryCap;
import cloud.nextmcp.build.sandbox.MemoryCgroups;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.SandboxNetwork;
import cloud.nextmcp.build.sandbox.SandboxSpec;
import cloud.nextmcp.core.config.DataDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts an instance's process in the sandbox: the artifact read-only as working directory, the
 * data directory hidden, a private /tmp (the sandbox's), and the environment built up from
 * defaults, the artifact's env, the release's config vars and finally the platform's own vars,
 * which nothing can override.
 */
final class InstanceLauncher {
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Sandbox sandbox;
    private final DataDirectory dataDirectory;
    private final LogWriter logs;
    private final ProcessSpawner spawner;
    private final MemoryCgroups memory;

    /** memory: where plans' memory limits are enforced; unavailable there, instances run uncapped. */
    InstanceLauncher(Sandbox sandbox, DataDirectory dataDirectory, LogWriter logs, ProcessSpawner spawner,
                     MemoryCgroups memory) {
        this.sandbox = sandbox;
        this.dataDirectory = dataDirectory;
        this.logs = logs;
        this.spawner = spawner;
        this.memory = memory;
    }

    /**
     * What one instance runs; the same for every instance of a release. {@code memoryLimitMb} is the
     * plan's memory per instance (null: unlimited): the app gets it as {@code NEXTMCP_MEMORY_LIMIT_MB}, and
     * where memory cgroups are available the kernel holds each instance to it (docs/billing.md).
     */
    record Launch(long appId, String appName, int version, Artifact artifact, Map<String, String> config,
                  Integer memoryLimitMb) {
    }

    InstanceProcess start(Launch launch, String name) throws IOException, InterruptedException {
        int port = freePort();
        SandboxSpec spec = new SandboxSpec(List.of("/bin/sh", "-c", launch.artifact().startCommand()),
                launch.artifact().directory(),
                List.of(launch.artifact().directory()),
                List.of(),
                List.of(dataDirectory.root()),
                environment(launch, port),
                new SandboxNetwork(true, port),
                sandbox.userFor(launch.appId()));
        MemoryCap cap = launch.memoryLimitMb() != null && memory.available()
                ? memory.cap(launch.appId() + "-" + name, launch.memoryLimitMb()) : null;
        Process process;
        try {
            process = sandbox.start(spec, cap == null ? spawner::start : builder -> spawner.start(cap.confine(builder)));
        } catch (IOException | RuntimeException e) {
            if (cap != null) {
                cap.remove();
            }
            throw e;
        }
        return new InstanceProcess(launch.appId(), name, port, process, sandbox.confining(), cap, logs);
    }

    private static Map<String, String> environment(Launch launch, int port) {
        Map<String, String> env = new HashMap<>();
        String hostPath = System.getenv("PATH");
        env.put("PATH", hostPath == null || hostPath.isBlank() ? DEFAULT_PATH : hostPath);
        env.put("HOME", "/tmp");
        env.put("TMPDIR", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.putAll(launch.artifact().env());
        env.putAll(launch.config());
        env.put("PORT", Integer.toString(port));
        env.put("NEXTMCP_APP", launch.appName());
        env.put("NEXTMCP_RELEASE", "v" + launch.version());
        if (launch.memoryLimitMb() != null) {
            env.put("NEXTMCP_MEMORY_LIMIT_MB", Integer.toString(launch.memoryLimitMb()));
        }
        return env;
    }

    /**
     * A port nothing listens on now. Another process could take it before the instance binds it;
     * the instance then fails its health check and the rollout or restart reports that.
     */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
