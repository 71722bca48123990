package cloud.nextmcp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code pebble-challtestsrv} as a DNS server the test controls: TXT and A records are
 * set and cleared through its management API. No default addresses ({@code -defaultIPv4 ""
 * -defaultIPv6 ""}): a name resolves only once the test gives it a record.
 */
final class MockDns implements AutoCloseable {
    private final int dnsPort;
    private final int managementPort;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    MockDns(Path log) throws IOException {
        this.dnsPort = freePort();
        this.managementPort = freePort();
        this.process = new ProcessBuilder("pebble-challtestsrv", "-defaultIPv4", "", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + managementPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitPort(managementPort, process);
    }

    /** host:port of the DNS server, for {@code domains.resolvers}. */
    String resolver() {
        return "127.0.0.1:" + dnsPort;
    }

    void setTxt(String name, String value) {
        post("/set-txt", "{\"host\":\"" + name + ".\",\"value\":\"" + value + "\"}");
    }

    void clearTxt(String name) {
        post("/clear-txt", "{\"host\":\"" + name + ".\"}");
    }

    void addA(String name, String address) {
        post("/add-a", "{\"host\":\"" + name + ".\",\"addresses\":[\"" + address + "\"]}");
    }

    private void post(String path, String json) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("challtestsrv " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean installed(String executable) {
        return List.of(System.getenv("PATH").split(":")).stream().anyMatch(d -> Path.of(d, executable).toFile().canExecute());
    }

    static void awaitPort(int port, Process process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().command().orElse("process") + " exited with " + process.exitValue());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Polling.pause();
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after 20 s");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
