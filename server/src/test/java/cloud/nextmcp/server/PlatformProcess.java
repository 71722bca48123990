package cloud.nextmcp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real platform as a separate JVM ({@code nextmcp-server dev}) on free ports with its own data
 * directory, from the same jar and as a user runs it, so a test can stop it, kill it with SIGKILL and start it again.
 */
final class PlatformProcess implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> extraEnv;
    private final Map<String, Integer> ports = new HashMap<>();
    private final Path log;
    private Process process;
    private boolean started;

    PlatformProcess(Path dataDir, Map<String, String> extraEnv) {
        this(dataDir, dataDir.resolveSibling(dataDir.getFileName() + "-platform.log"), extraEnv);
    }

    /** With its own log file: replicas that share one data directory (as they share a volume) keep separate logs. */
    PlatformProcess(Path dataDir, Path log, Map<String, String> extraEnv) {
        this.dataDir = dataDir;
        this.extraEnv = new HashMap<>(extraEnv);
        this.log = log;
        choosePorts();
    }

    private void choosePorts() {
        for (String name : List.of("NEXTMCP_API_PORT", "NEXTMCP_GIT_SSH_PORT", "NEXTMCP_GIT_HTTP_PORT",
                "NEXTMCP_ROUTER_PORT", "NEXTMCP_ROUTER_ADMIN_PORT")) {
            ports.put(name, freePort());
        }
    }

    /** Adds an environment variable for the next start, e.g. one naming a port chosen for this platform. */
    PlatformProcess withEnv(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /**
     * Starts the platform. A free port found here can be taken by another process before the
     * platform binds it; on its first start the platform then gets other ports and tries again
     * (a restart keeps its ports, since git remotes and known_hosts name them).
     */
    PlatformProcess start() {
        for (int attempt = 1; ; attempt++) {
            try {
                launch();
                started = true;
                return this;
            } catch (PortTaken e) {
                if (started || attempt == 3) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                choosePorts();
            }
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar", serverJar().toString(), "dev", "--data-dir", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ports.forEach((k, v) -> pb.environment().put(k, Integer.toString(v)));
        pb.environment().putAll(extraEnv);
        long logOffset = logSize();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitApi(Duration.ofSeconds(120), logOffset);
    }

    /**
     * The runnable jar that {@code bin/nextmcp-dev} starts (built in the package phase, before the
     * ITs run), not the test class path: a dependency the jar lacks must fail here as it would for a user.
     */
    static Path serverJar() {
        Path jar = Path.of("target", "nextmcp-server.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through `mvn verify`, which packages it first");
        }
        return jar;
    }

    private void awaitApi(Duration timeout, long logOffset) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String all = logText();
                String output = all.substring((int) Math.min(logOffset, all.length()));
                if (output.contains("Address already in use")) {
                    throw new PortTaken("A port chosen for the platform was taken before it could bind it:\n" + output);
                }
                throw new IllegalStateException("The platform exited with " + process.exitValue() + ":\n" + output);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/info"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The platform did not answer within " + timeout + ":\n" + logText());
    }

    private long logSize() {
        try {
            return Files.exists(log) ? Files.readString(log).length() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform exited because one of its ports was in use. */
    private static final class PortTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    String apiUrl() {
        return "http://127.0.0.1:" + ports.get("NEXTMCP_API_PORT");
    }

    int port(String name) {
        return ports.get(name);
    }

    /** Where MCP clients reach apps without DNS: {@code /apps/<app>/mcp} on the router. */
    String routerUrl() {
        return "http://127.0.0.1:" + ports.get("NEXTMCP_ROUTER_PORT");
    }

    /**
     * The platform's descendant processes (build steps, app instances, inside their sandboxes)
     * whose executable is named {@code executable}.
     */
    List<ProcessHandle> processesRunning(String executable) {
        if (process == null) {
            return List.of();
        }
        return process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals(executable)).orElse(false))
                .toList();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graceful stop (SIGTERM), as Ctrl-C or a service manager does. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** SIGKILL: no shutdown hooks, nothing cleaned up. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The platform did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
