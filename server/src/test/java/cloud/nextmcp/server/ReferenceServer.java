package cloud.nextmcp.server;

import cloud.nextmcp.core.testing.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The conformance suite's reference server ({@code apps/conformance-server} in the test resources, see its
 * SOURCE.md) started by hand on a free port: the floor the platform's results are compared with. Its
 * dependencies are installed once into {@code target/conformance-server}.
 */
final class ReferenceServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ReferenceServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The app's source, as pushed to the platform. */
    static Path source() {
        try {
            return Path.of(ReferenceServer.class.getResource("/apps/conformance-server").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ReferenceServer start(boolean stateless) throws IOException, InterruptedException {
        Prerequisites.require(TypeScriptClient.onPath("node") && TypeScriptClient.onPath("npm"),
                "node and npm (Debian packages nodejs and npm)");
        Path dir = install();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("node", dir.resolve("node_modules/tsx/dist/cli.mjs").toString(),
                "everything-server.ts").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + port + ".log").toFile());
        pb.environment().put("PORT", Integer.toString(port));
        if (stateless) {
            pb.environment().put("MCP_STATELESS", "1");
        }
        ReferenceServer server = new ReferenceServer(pb.start(), port);
        Polling.await("the reference server on port " + port, Duration.ofSeconds(60), server::accepting,
                () -> server.log(dir));
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    private Optional<Boolean> accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the reference server exited with " + process.exitValue());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return Optional.of(true);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String log(Path dir) {
        try {
            return Files.readString(dir.resolve("server-" + port + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path install() throws IOException, InterruptedException {
        Path dir = Path.of("target", "conformance-server").toAbsolutePath();
        return InstallLock.around(dir, () -> installIn(dir));
    }

    private static Path installIn(Path dir) throws IOException, InterruptedException {
        if (Files.isRegularFile(dir.resolve("node_modules/tsx/dist/cli.mjs"))) {
            return dir;
        }
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(source())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("npm ci of the reference server failed:\n" + out));
        }
        return dir;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
