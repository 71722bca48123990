package cloud.nextmcp.build.sandbox.bench;

import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.SandboxConfig;
import cloud.nextmcp.build.sandbox.SandboxNetwork;
import cloud.nextmcp.build.sandbox.SandboxSpec;
import cloud.nextmcp.build.sandbox.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * For bench/sandbox-network.sh: runs {@code node server.js PORT} in the platform's real sandbox
 * (network namespace, port forwarded by pasta), as an app instance runs, until killed. Prints
 * the time the sandbox took to start, then {@code ready}.
 */
public final class SandboxBenchServer {
    private SandboxBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path state = Files.createTempDirectory("sandbox-bench");
        Sandbox sandbox = Sandboxes.detect(SandboxConfig.defaults(), state);
        SandboxSpec spec = new SandboxSpec(List.of("node", script.toString(), Integer.toString(port)), script.getParent(),
                List.of(script.getParent()), List.of(), List.of(), Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"),
                new SandboxNetwork(true, port), sandbox.userFor(1));
        long start = System.nanoTime();
        Process p = sandbox.start(spec, Sandbox.ProcessStarter.DIRECT);
        System.out.println("sandbox-start-ms " + (System.nanoTime() - start) / 1_000_000);
        System.out.println("ready");
        System.out.flush();
        p.getInputStream().transferTo(System.out);
        p.waitFor();
    }
}
