package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale from zero at the router, against a real PostgreSQL: the test plays the autoscaler and the runtime
 * (rows and NOTIFYs) and checks what clients get. The route table's periodic reload is 10 minutes, so only
 * NOTIFYs can release held requests.
 */
class WakeThroughRouterTest {
    private static Jdbi jdbi;
    private static EventBus events;
    private static Router router;
    private static final Backends backends = new Backends();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final LinkedBlockingQueue<String> wakes = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        events.subscribe(Channels.WAKES, new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                wakes.add(payload);
            }

            @Override
            public void resync() {
            }
        });
        jdbi.useHandle(h -> h.execute("INSERT INTO teams (name) VALUES ('t')"));
        sleepingApp(1, "sleepy");
        sleepingApp(2, "broken");
        sleepingApp(3, "busy");
        sleepingApp(4, "leaver");
        router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .reloadInterval(Duration.ofMinutes(10)).metricsToDatabase(false).accessLog(false).build(), jdbi, events);
        router.start();
    }

    @AfterAll
    static void stop() {
        router.close();
        events.close();
        backends.close();
    }

    private static void sleepingApp(long id, String name) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (?, ?, (SELECT id FROM teams LIMIT 1))", id, name);
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES (?, ?, 1)", name, id);
            h.execute("INSERT INTO autoscale_settings (app_id, min_instances, max_instances, idle_seconds, target_concurrency) "
                    + "VALUES (?, 0, 3, 60, 20)", id);
            h.execute("INSERT INTO autoscale_states (app_id, replicas, state) VALUES (?, 0, 'asleep')", id);
        });
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierWakes() {
        wakes.clear();
    }

    private static CompletableFuture<HttpResponse<String>> post(String app, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/apps/" + app + "/mcp"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void healthyInstance(long appId, String id, HttpServer server) {
        jdbi.useHandle(h -> h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, ?, 1, ?, 'healthy')",
                id, appId, "127.0.0.1:" + server.getAddress().getPort()));
        events.publish(Channels.ROUTES, Long.toString(appId));
    }

    @Test
    void requestsForASleepingAppAreHeldWakeItAndAreAnsweredWhenItIsHealthyBeyondTheBoundRefused() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 110; i++) {
            sent.add(post("sleepy", "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}"));
        }
        assertThat(wakes.poll(10, TimeUnit.SECONDS)).as("NOTIFY wakes").isEqualTo("1");
        Backends.sleep(300);
        assertThat(wakes).as("one wake request for the whole burst").isEmpty();
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT waiting, wake_requested_at FROM app_load WHERE app_id = 1").mapToMap().one());
        assertThat(row.get("wake_requested_at")).isNotNull();

        // Beyond 100 held requests the router answers at once.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.stream().filter(CompletableFuture::isDone).count() < 10 && System.nanoTime() < deadline) {
            Backends.sleep(20);
        }
        List<HttpResponse<String>> refused = sent.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
        assertThat(refused).hasSize(10).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("is waking up", "100 requests already wait");
        });

        long woke = System.nanoTime();
        healthyInstance(1, "s1", backends.start("sleepy-1"));
        List<HttpResponse<String>> answered = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
            if (r.statusCode() != 503) {
                answered.add(r);
            }
        }
        long releasedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - woke);
        assertThat(answered).hasSize(100).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("sleepy-1").contains("path=/mcp", "content-length=");
        });
        assertThat(releasedMillis).as("from NOTIFY routes to the last of 100 answers").isLessThan(3000);
    }

    @Test
    void aFailedWakeAnswersTheHeldRequests503WithWhereToLook() throws Exception {
        CompletableFuture<HttpResponse<String>> held = post("broken", "{}");
        assertThat(wakes.poll(10, TimeUnit.SECONDS)).isEqualTo("2");
        Backends.sleep(200);
        assertThat(held).isNotDone();
        jdbi.useHandle(h -> h.execute("UPDATE autoscale_states SET state = 'wake_failed', reason = 'web.1 exited with status 1', "
                + "changed_at = clock_timestamp() WHERE app_id = 2"));
        events.publish(Channels.AUTOSCALE, "2");
        HttpResponse<String> r = held.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as("a wake may succeed on the next try").isPresent();
        assertThat(r.body()).contains("could not be started", "nextmcp logs");

        // The next request asks for a wake again instead of being refused by the old failure.
        wakes.clear();
        CompletableFuture<HttpResponse<String>> again = post("broken", "{}");
        assertThat(wakes.poll(10, TimeUnit.SECONDS)).isEqualTo("2");
        events.publish(Channels.AUTOSCALE, "2");
        Backends.sleep(300);
        assertThat(again).as("still held after a reload that shows the same old failure").isNotDone();
        healthyInstance(2, "b1", backends.start("broken-fixed"));
        assertThat(again.get(10, TimeUnit.SECONDS).body()).startsWith("broken-fixed");
    }

    @Test
    void aClientThatLeavesWhileHeldIsNoLongerCountedAsWaiting() throws Exception {
        try (Socket client = new Socket("127.0.0.1", router.port())) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /apps/leaver/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(wakes.poll(10, TimeUnit.SECONDS)).isEqualTo("4");
            awaitWaiting(4, 1);
        }
        // Well within the 60 s hold timeout: the exchange's end cancelled its ticket.
        awaitWaiting(4, 0);
    }

    private static void awaitWaiting(long appId, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int waiting = -1;
        while (waiting != expected && System.nanoTime() < deadline) {
            Backends.sleep(100);
            waiting = jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(waiting), 0) FROM app_load WHERE app_id = :app")
                    .bind("app", appId).mapTo(Integer.class).one());
        }
        assertThat(waiting).as("requests the routers report held for app %d", appId).isEqualTo(expected);
    }

    @Test
    void routersReportTrafficOfAutoscaledAppsForTheAutoscaler() throws Exception {
        healthyInstance(3, "busy1", backends.start("busy-1"));
        assertThat(post("busy", "{}").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Object last = null;
        while (last == null && System.nanoTime() < deadline) {
            last = jdbi.withHandle(h -> h.createQuery("SELECT last_request_at FROM app_load WHERE app_id = 3 AND last_request_at IS NOT NULL")
                    .mapToMap().findOne().map(m -> m.get("last_request_at")).orElse(null));
            Backends.sleep(100);
        }
        assertThat(last).as("a sample with the last request's time within the report interval").isNotNull();
    }
}
