package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The router against real backends on ephemeral ports and a real PostgreSQL route table. */
class RouterIntegrationTest {
    private static Jdbi jdbi;
    private static EventBus events;
    private static Router router;
    private static final Backends backends = new Backends();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        jdbi.useHandle(h -> h.execute("INSERT INTO teams (name) VALUES ('t')"));
        app(1, "weather", 1);
        app(2, "pinned", 1);
        app(3, "empty", 1);
        app(4, "moving", 1);
        instance("w1", 1, 1, backends.start("weather-1"));
        for (int i = 1; i <= 3; i++) {
            instance("p" + i, 2, 1, backends.start("pinned-" + i));
        }
        instance("m1", 4, 1, backends.start("moving-v1"));
        router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .maxBodyBytes(1024).reloadInterval(Duration.ofMinutes(10)).metricsToDatabase(false).build(), jdbi, events);
        router.start();
    }

    private static void app(long id, String name, Integer release) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (?, ?, (SELECT id FROM teams LIMIT 1))", id, name);
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES (?, ?, ?)", name, id, release);
        });
    }

    private static void instance(String id, long app, int release, HttpServer server) {
        jdbi.useHandle(h -> h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, ?, ?, ?, 'healthy')",
                id, app, release, "127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        router.close();
        events.close();
        backends.close();
    }

    private static String get(String host, String path) throws Exception {
        try (RawHttp c = new RawHttp(router.port())) {
            String head = c.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").head();
            return head + c.body(head);
        }
    }

    @Test
    void routesByHostNameAndForwardsHeaders() throws Exception {
        String r = get("weather.apps.test:8080", "/hello?x=1");
        assertThat(r).startsWith("HTTP/1.1 200").contains("weather-1", "path=/hello?x=1", "x-forwarded-host=weather.apps.test:8080",
                "x-forwarded-proto=http", "x-forwarded-for=127.0.0.1", "forwarded=for=127.0.0.1");
        assertThat(r).as("the instance sees itself as localhost, as the SDKs' DNS-rebinding guards expect")
                .containsPattern("\\bhost=localhost:\\d+").doesNotContain("\nhost=weather");
    }

    @Test
    void clientForwardingAndHopByHopHeadersAreReplaced() throws Exception {
        try (RawHttp c = new RawHttp(router.port())) {
            String head = c.send("GET / HTTP/1.1\r\nHost: weather.apps.test\r\nX-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6\r\n"
                    + "Connection: keep-alive, X-Secret\r\nX-Secret: s\r\nKeep-Alive: 5\r\nMcp-Session-Id: abc\r\nMCP-Protocol-Version: 2025-06-18\r\n"
                    + "Last-Event-ID: 7\r\nOrigin: http://x\r\nMcp-Method: tools/call\r\nMcp-Name: forecast\r\n\r\n").head();
            String body = c.body(head);
            assertThat(body).doesNotContain("6.6.6.6", "x-secret", "keep-alive=")
                    .contains("mcp-session-id=abc", "mcp-protocol-version=2025-06-18", "last-event-id=7", "origin=http://x",
                            "mcp-method=tools/call", "mcp-name=forecast");
        }
    }

    @Test
    void pathFormReachesAnAppWithoutDns() throws Exception {
        String r = get("127.0.0.1:" + router.port(), "/apps/weather/mcp?q=1");
        assertThat(r).startsWith("HTTP/1.1 200").contains("weather-1", "path=/mcp?q=1", "x-forwarded-prefix=/apps/weather");
    }

    @Test
    void pathFormIsServedOnlyOnNamesOfThePlatformNotOnOnesDnsRebindingBrings() throws Exception {
        assertThat(get("localhost:" + router.port(), "/apps/weather/mcp")).startsWith("HTTP/1.1 200");
        assertThat(get("apps.test", "/apps/weather/mcp")).startsWith("HTTP/1.1 200");
        assertThat(get("[::1]:" + router.port(), "/apps/weather/mcp")).startsWith("HTTP/1.1 200");
        assertThat(get("rebound.example:" + router.port(), "/apps/weather/mcp")).startsWith("HTTP/1.1 404")
                .contains("rebound.example").doesNotContain("weather-1");
    }

    @Test
    void unknownHostGets404PageAndAppWithoutInstance503() throws Exception {
        assertThat(get("nope.apps.test", "/")).startsWith("HTTP/1.1 404").contains("NextMCP", "nope.apps.test");
        assertThat(get("empty.apps.test", "/")).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 5");
    }

    @Test
    void upstreamDownGives502() throws Exception {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (9, 'down', (SELECT id FROM teams LIMIT 1))");
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES ('down', 9, 1)");
            h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES ('d1', 9, 1, '127.0.0.1:1', 'healthy')");
        });
        events.publish(Channels.ROUTES, "9");
        long deadline = System.nanoTime() + 10_000_000_000L;
        String r;
        do {
            r = get("down.apps.test", "/");
        } while (r.startsWith("HTTP/1.1 404") && System.nanoTime() < deadline);
        assertThat(r).startsWith("HTTP/1.1 502");
    }

    @Test
    void serverSentEventsArriveOneByOneWithTheBackendsTiming() throws Exception {
        try (RawHttp c = new RawHttp(router.port())) {
            String head = c.send("GET /sse HTTP/1.1\r\nHost: weather.apps.test\r\nAccept: text/event-stream\r\n\r\n").head();
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            List<Long> arrivals = new ArrayList<>();
            List<Long> addedMicros = new ArrayList<>();
            String chunk;
            while ((chunk = c.chunk()) != null) {
                long now = System.nanoTime();
                arrivals.add(now);
                assertThat(chunk).startsWith("id: " + (arrivals.size() - 1));
                long sent = Long.parseLong(chunk.substring(chunk.indexOf("t=") + 2).trim());
                addedMicros.add((now - sent) / 1000);
            }
            assertThat(arrivals).hasSize(5);
            for (int i = 1; i < arrivals.size(); i++) {
                // The backend waits 300 ms between events: each must arrive on its own, not coalesced with the next.
                assertThat((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000).isBetween(200L, 600L);
            }
            // Each event reaches the client well before the backend sends the next one.
            assertThat(addedMicros).allMatch(us -> us < 150_000);
        }
    }

    @Test
    void sessionsStayPinnedAcrossThreeInstances() throws Exception {
        Set<String> issuers = new HashSet<>();
        for (int s = 0; s < 6; s++) {
            HttpResponse<String> init = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/apps/pinned/mcp"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            String issuer = session.substring(0, session.lastIndexOf('-', session.length() - 37));
            issuers.add(issuer);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/apps/pinned/mcp"))
                        .header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).startsWith(issuer + "\n");
            }
        }
        assertThat(issuers).hasSize(3); // balanced: every instance issued sessions
    }

    @Test
    void routeSwitchOnNotifyFailsNoRequest() throws Exception {
        HttpServer v2 = backends.start("moving-v2");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger sawV2 = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (!stop.get()) {
                try {
                    String r = get("moving.apps.test", "/");
                    if (!r.startsWith("HTTP/1.1 200")) {
                        failures.incrementAndGet();
                    } else if (r.contains("moving-v2")) {
                        sawV2.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
        });
        load.start();
        instance("m2", 4, 2, v2);
        jdbi.useHandle(h -> {
            h.execute("UPDATE routes SET release_version = 2 WHERE hostname = 'moving'");
            h.execute("SELECT pg_notify('routes', '4')");
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sawV2.get() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        load.join();
        assertThat(sawV2.get()).isGreaterThanOrEqualTo(20);
        assertThat(failures.get()).isZero();
    }

    @Test
    void malformedRequestsAreRefusedAndTheConnectionClosed() throws Exception {
        String[][] cases = {
                {"POST / HTTP/1.1\r\nHost: weather.apps.test\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "400"},
                {"POST / HTTP/1.1\r\nHost: weather.apps.test\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "400"},
                {"POST / HTTP/1.1\r\nHost: weather.apps.test\r\nTransfer-Encoding: gzip\r\n\r\nabc", "400"},
                {"POST / HTTP/1.1\r\nHost: weather.apps.test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "400"},
                {"GET / HTTP/1.1\r\n\r\n", "400"},
                {"GET / HTTP/1.1\r\nHost: weather.apps.test\r\nHost: other.apps.test\r\n\r\n", "400"},
                {"GET / HTTP/1.1\r\nHost: weather.apps.test\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", "431"},
                {"POST / HTTP/1.1\r\nHost: weather.apps.test\r\nContent-Length: 5000\r\n\r\n", "413"},
                {"POST / HTTP/1.1\r\nHost: weather.apps.test\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + "a".repeat(2048) + "\r\n0\r\n\r\n", "413"},
        };
        for (String[] c : cases) {
            try (RawHttp client = new RawHttp(router.port())) {
                String head = client.send(c[0]).head();
                assertThat(head).as(c[0].substring(0, Math.min(120, c[0].length()))).startsWith("HTTP/1.1 " + c[1]);
                assertThat(client.closedByPeer()).as("connection closed after " + c[1]).isTrue();
            }
        }
    }

    @Test
    void slowHeadersGet408() throws Exception {
        Router strict = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .headerReadTimeout(Duration.ofMillis(300)).metricsToDatabase(false).build(), jdbi, events);
        strict.start();
        try (RawHttp c = new RawHttp(strict.port())) {
            String head = c.send("GET / HTTP/1.1\r\nHost: wea").head();
            assertThat(head).startsWith("HTTP/1.1 408");
            assertThat(c.closedByPeer()).isTrue();
        } finally {
            strict.close();
        }
    }

    @Test
    void keepAliveReusesTheClientConnection() throws Exception {
        try (RawHttp c = new RawHttp(router.port())) {
            for (int i = 0; i < 3; i++) {
                String head = c.send("GET /k" + i + " HTTP/1.1\r\nHost: weather.apps.test\r\n\r\n").head();
                assertThat(head).startsWith("HTTP/1.1 200");
                assertThat(c.body(head)).contains("path=/k" + i);
            }
        }
    }

    @Test
    void metricsAreExposedInPrometheusFormat() throws Exception {
        get("weather.apps.test", "/m");
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + "/apps/weather/mcp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"forecast\",\"arguments\":{}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(text).contains("nextmcp_router_app_requests_total{app=\"weather\",status=\"2xx\"}",
                "nextmcp_router_instance_requests_total{app=\"weather\",instance=\"w1\",status=\"2xx\"}",
                "nextmcp_router_mcp_calls_total{app=\"weather\",method=\"tools/call\",tool=\"forecast\"}",
                "nextmcp_router_app_request_duration_seconds_bucket{app=\"weather\",le=\"+Inf\"}");
    }
}
