package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale to zero and autoscaling on the real platform: an app autoscaled with min 0 sleeps after a short
 * idle period, a request wakes it and is answered, 50 concurrent first requests all are, it scales out
 * under open streams and back in, and a wake that fails answers 503 with the reason in the app's log. One
 * platform; the tests build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleToZeroIT {
    private static final String APP = "sleepy";

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path repo;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void deployAnAutoscaledApp() throws Exception {
        platform = new PlatformProcess(tmp.resolve("data"), Map.of("NEXTMCP_AUTOSCALE_SCALE_DOWN_WINDOW_SECONDS", "2")).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        Path anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email", "sam@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        repo = git.repoFrom(Path.of(ScaleToZeroIT.class.getResource("/apps/slow-http").toURI()), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        String set = cli.ok(repo, "autoscale", "--min", "0", "--max", "3", "--idle", "3s", "--concurrency", "2");
        assertThat(set).contains("web 0–3", "target 2 in flight per instance", "asleep after 3s idle");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void anIdleAppSleepsAndTheNextRequestWakesItAndIsAnswered() throws Exception {
        awaitAsleep();
        assertThat(cli.ok(repo, "ps")).contains("now asleep (0 instances)", "no running instances: asleep");
        assertThat(cli.ok(repo, "apps", "info")).contains("Autoscale", "now asleep");

        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/work", "{}");
        long wakeMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body() + diagnostics()).isEqualTo(200);
        assertThat(r.body()).contains("\"pid\"");
        System.out.println("ScaleToZeroIT: first request to a sleeping app answered in " + wakeMillis + " ms");
        // The autoscaler marks the app awake at its next round once it sees the healthy instance.
        Polling.await("ps to say awake", Duration.ofSeconds(10),
                () -> cli.ok(repo, "ps").contains("now awake (1 instance)") ? Optional.of(true) : Optional.empty(),
                () -> cli.ok(repo, "ps") + diagnostics());
        platform.logText().lines().filter(l -> l.contains("Waking") || l.contains("is healthy on port") || l.contains("Asleep"))
                .forEach(l -> System.out.println("ScaleToZeroIT platform: " + l));
        assertThat(cli.ok(repo, "logs")).contains("Asleep: no request or open stream for 3 s", "Waking (web × 1): a request arrived");
    }

    @Test
    @Order(2)
    void fiftyConcurrentFirstRequestsAreAllAnswered() throws Exception {
        awaitAsleep();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(http.sendAsync(request("/work?i=" + i, "{}"), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body() + diagnostics()).isEqualTo(200);
        }
    }

    @Test
    @Order(3)
    void scalesOutUnderLoadAndBackInAndAFixedScaleIsRefusedMeanwhile() throws Exception {
        List<Socket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                streams.add(openStream());
            }
            // 6 open streams at a target of 2 per instance: 3 instances (the max).
            Polling.await("3 healthy instances under load", Duration.ofSeconds(45),
                    () -> healthyInstances() == 3 ? Optional.of(true) : Optional.empty(), ScaleToZeroIT::diagnostics);
            Cli.Result scale = cli.run(repo, "scale", "web=1");
            assertThat(scale.exitCode()).isNotZero();
            assertThat(scale.err()).contains("autoscales web between 0 and 3", "nextmcp autoscale off").doesNotContain("Exception");
        } finally {
            for (Socket s : streams) {
                s.close();
            }
        }
        // Back in: to 1 after the scale-down window, then asleep after the idle period (or straight to sleep
        // when the autoscaler's rounds are late on a loaded machine; AutoscalePolicyTest pins the order).
        awaitAsleep();
    }

    @Test
    @Order(4)
    void aWakeThatFailsAnswers503AndTheAppsLogSaysWhy() throws Exception {
        awaitAsleep();
        // The release's files vanish (a disk failure): the next start of the app crashes.
        try (Stream<Path> files = Files.walk(tmp.resolve("data").resolve("artifacts"))) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().equals("artifacts"))
                    .forEach(p -> p.toFile().delete());
        }
        HttpResponse<String> r = post("/work", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.body()).contains("could not be started", "nextmcp logs");
        assertThat(cli.ok(repo, "logs")).contains("Wake failed: ");
        assertThat(cli.ok(repo, "ps")).contains("now wake failed (0 instances)");
    }

    private static void awaitAsleep() {
        Polling.await("the app to fall asleep", Duration.ofSeconds(45),
                () -> cli.ok(repo, "ps").contains("now asleep") && platform.processesRunning("node").isEmpty()
                        ? Optional.of(true) : Optional.empty(),
                () -> cli.ok(repo, "ps") + diagnostics());
    }

    private static int healthyInstances() {
        return (int) cli.ok(repo, "ps").lines().filter(l -> l.startsWith("web.") && l.contains("healthy")).count();
    }

    private static HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/apps/" + APP + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    /** A server-sent event stream through the router, open until the socket closes. */
    private static Socket openStream() throws IOException {
        Socket s = new Socket("127.0.0.1", platform.port("NEXTMCP_ROUTER_PORT"));
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /apps/" + APP + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("data: open")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream closed early: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return s;
    }

    private static String diagnostics() {
        return "\n--- platform log\n" + platform.logText();
    }
}
