package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams that outlive timeouts: an idle SSE stream, and a live stream across a graceful stop. */
class LongStreamsIT {
    private Jdbi jdbi;
    private EventBus events;
    private final Backends backends = new Backends();

    @BeforeEach
    void setUp() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        HttpServer backend = backends.start("streamer");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO teams (name) VALUES ('t')");
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (1, 'streamer', (SELECT id FROM teams))");
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES ('streamer', 1, 1)");
            h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES ('s1', 1, 1, ?, 'healthy')",
                    "127.0.0.1:" + backend.getAddress().getPort());
        });
    }

    @AfterEach
    void tearDown() {
        events.close();
        backends.close();
    }

    private Router router(Duration idle, Duration grace) {
        Router r = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .idleTimeout(idle).upstreamResponseTimeout(Duration.ofSeconds(5)).shutdownGrace(grace)
                .metricsToDatabase(false).build(), jdbi, events);
        r.start();
        return r;
    }

    @Test
    void anIdleStreamOutlivesEveryTimeout() throws Exception {
        // The keep-alive idle timeout is 1 s and the upstream response timeout 5 s: a stream silent
        // for four times the longer of them shows that neither applies to an open stream.
        Router router = router(Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (RawHttp c = new RawHttp(router.port())) {
            c.socket.setSoTimeout(60_000);
            String head = c.send("GET /hold HTTP/1.1\r\nHost: streamer.apps.test\r\nAccept: text/event-stream\r\n\r\n").head();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(c.chunk()).contains("data: open");
            Thread.sleep(Duration.ofSeconds(20).toMillis());
            backends.release.countDown();
            assertThat(c.chunk()).contains("data: bye");
            assertThat(c.chunk()).isNull();
        } finally {
            router.close();
        }
    }

    @Test
    void gracefulStopLetsALiveStreamFinish() throws Exception {
        Router router = router(Duration.ofSeconds(30), Duration.ofSeconds(20));
        try (RawHttp c = new RawHttp(router.port()); RawHttp idle = new RawHttp(router.port())) {
            String head = c.send("GET /hold HTTP/1.1\r\nHost: streamer.apps.test\r\n\r\n").head();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(c.chunk()).contains("data: open");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(router::close);
            Thread.sleep(300);
            assertThat(stopping).isNotDone();
            assertThat(idle.closedByPeer()).as("idle keep-alive connection closed at once").isTrue();
            backends.release.countDown();
            assertThat(c.chunk()).contains("data: bye");
            assertThat(c.chunk()).isNull();
            assertThat(c.closedByPeer()).isTrue();
            stopping.get();
        }
    }
}
