package cloud.nextmcp.build.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a new instance is ready: its health path answers with a status below 500, or,
 * without a health path, its port accepts connections. Probes at short intervals until the
 * deadline, and gives up at once when the process exits.
 */
final class HealthCheck {
    /** How a wait ended; {@code reason} is null when healthy. */
    record Result(boolean healthy, String reason) {
    }

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FORWARDER_GRACE = Duration.ofMillis(100);

    private final Duration pollInterval;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(PROBE_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    HealthCheck(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    Result await(InstanceProcess instance, String healthPath, Instant since, Duration timeout) throws InterruptedException {
        Instant deadline = since.plus(timeout);
        while (true) {
            if (!instance.alive()) {
                return new Result(false, instance.name() + " " + instance.describeExit(instance.exitStatus())
                        + " before it became healthy" + instance.lastOutput().map(l -> "; last output: " + l).orElse(""));
            }
            if (probe(instance.port(), healthPath)) {
                return new Result(true, null);
            }
            if (Instant.now().isAfter(deadline)) {
                String what = healthPath == null ? "did not accept connections on $PORT"
                        : "did not answer GET " + healthPath + " with a status below 500";
                return new Result(false, instance.name() + " did not become healthy within " + timeout.toSeconds()
                        + " s: it " + what + " (does it listen on $PORT?)");
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    /**
     * Whether the instance itself accepts a connection. The sandbox's network forwarder accepts on
     * the instance's behalf and closes at once when nothing listens inside, so a connection
     * counts only if it stays open without a word for a moment, as an idle server keeps it.
     */
    private static boolean acceptsConnections(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) PROBE_TIMEOUT.toMillis());
            s.setSoTimeout((int) FORWARDER_GRACE.toMillis());
            return s.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean probe(int port, String healthPath) throws InterruptedException {
        if (healthPath == null) {
            return acceptsConnections(port);
        }
        String path = healthPath.startsWith("/") ? healthPath : "/" + healthPath;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 500;
        } catch (IOException e) {
            return false;
        }
    }
}
