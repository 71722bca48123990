package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.buildpacks.BuildCommands;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.SandboxNetwork;
import cloud.nextmcp.build.sandbox.SandboxSpec;
import cloud.nextmcp.build.sandbox.SandboxUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs build steps in the sandbox: the app directory as working directory, only the build's
 * workspace and the app's cache writable, the data directory hidden, as the app's sandbox user,
 * with a network of its own that reaches the internet (package registries) and nothing else. Each output line goes to the build log as it is printed.
 */
final class SandboxedBuildCommands implements BuildCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxedBuildCommands.class);
    private final Sandbox sandbox;
    private final Path appDir;
    private final List<Path> writable;
    private final List<Path> hidden;
    private final Map<String, String> baseEnv;
    private final SandboxUser user;
    private final BuildLog log;
    private final BuildLease lease;
    private final Instant deadline;

    SandboxedBuildCommands(Sandbox sandbox, Path appDir, List<Path> writable, List<Path> hidden,
                           Map<String, String> baseEnv, SandboxUser user, BuildLog log, BuildLease lease, Instant deadline) {
        this.sandbox = sandbox;
        this.appDir = appDir;
        this.writable = List.copyOf(writable);
        this.hidden = List.copyOf(hidden);
        this.baseEnv = Map.copyOf(baseEnv);
        this.user = user;
        this.log = log;
        this.lease = lease;
        this.deadline = deadline;
    }

    @Override
    public void run(List<String> argv, Map<String, String> env) throws BuildFailure {
        lease.checkNotCancelled();
        Map<String, String> fullEnv = new HashMap<>(baseEnv);
        fullEnv.putAll(env);
        SandboxSpec spec = new SandboxSpec(argv, appDir, List.of(), writable, hidden, fullEnv, new SandboxNetwork(true, 0), user);
        String shown = String.join(" ", argv);
        Process process;
        try {
            process = sandbox.start(spec, Sandbox.ProcessStarter.DIRECT);
        } catch (IOException e) {
            throw new BuildFailure("could not start '" + shown + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildCancelled("the builder is shutting down");
        }
        lease.running(process);
        Thread pump = new Thread(() -> pump(process), "build-output");
        pump.setDaemon(true);
        pump.start();
        try {
            long millis = Duration.between(Instant.now(), deadline).toMillis();
            boolean exited = millis > 0 && process.waitFor(millis, TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                pump.join();
                throw new BuildFailure("'" + shown + "' did not finish before the build timeout");
            }
            pump.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BuildCancelled("the builder is shutting down");
        }
        lease.checkNotCancelled();
        if (process.exitValue() != 0) {
            throw new BuildFailure("'" + shown + "' exited with status " + process.exitValue() + " (see the output above)");
        }
    }

    private void pump(Process process) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                log.line("       " + line);
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                LOG.warn("Lost the output of a build step: {}", e.getMessage());
            }
        }
    }
}
