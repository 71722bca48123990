package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.EventStreamClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import com.codahale.metrics.Gauge;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Log tails as text, and following them as server-sent events. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LogsApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        TestApiApplication application = APP.getApplication();
        jdbi = application.jdbi();
    }

    /** What the runtime does: a line, and NOTIFY logs in the same transaction. Returns the line's id. */
    private static long append(TeamApp t, String source, String line, Instant at) {
        return jdbi.inTransaction(h -> {
            long id = h.createQuery("INSERT INTO log_lines (app_id, source, at, line) VALUES (:appId, :source, :at, :line) RETURNING id")
                    .bind("appId", t.appId()).bind("source", source).bind("at", at).bind("line", line)
                    .mapTo(Long.class).one();
            EventBus.publish(h, Channels.LOGS, Long.toString(t.appId()));
            return id;
        });
    }

    private static long append(TeamApp t, String source, String line) {
        return append(t, source, line, Instant.now());
    }

    @SuppressWarnings("unchecked")
    private static int openStreams() {
        Gauge<Integer> gauge = APP.getEnvironment().metrics().getGauges().get("nextmcp.api.logs.followers");
        return gauge.getValue();
    }

    @Test
    void theTailIsTimestampSourceAndMessageOneLineEach() {
        TeamApp t = TeamApp.create(api, jdbi);
        append(t, "build", "-----> Building", Instant.parse("2026-11-24T05:40:00Z"));
        append(t, "web.1", "message", Instant.parse("2026-11-24T05:40:01.123Z"));
        append(t, "web.2", "listening on 5000", Instant.parse("2026-11-24T05:40:02.5Z"));
        append(t, "webhook", "not a web process", Instant.parse("2026-11-24T05:40:03Z"));
        append(t, "router", "GET / 200", Instant.parse("2026-11-24T05:40:04Z"));

        Reply all = api.get(t.path("/logs"), t.viewer().token());

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("text/plain");
        assertThat(all.body()).isEqualTo("""
                2026-11-24T05:40:00.000Z build: -----> Building
                2026-11-24T05:40:01.123Z web.1: message
                2026-11-24T05:40:02.500Z web.2: listening on 5000
                2026-11-24T05:40:03.000Z webhook: not a web process
                2026-11-24T05:40:04.000Z router: GET / 200
                """);
        assertThat(api.get(t.path("/logs?tail=2"), t.viewer().token()).body()).isEqualTo("""
                2026-11-24T05:40:03.000Z webhook: not a web process
                2026-11-24T05:40:04.000Z router: GET / 200
                """);
        assertThat(api.get(t.path("/logs?source=web"), t.viewer().token()).body()).isEqualTo("""
                2026-11-24T05:40:01.123Z web.1: message
                2026-11-24T05:40:02.500Z web.2: listening on 5000
                """);
        assertThat(api.get(t.path("/logs?source=web.2"), t.viewer().token()).body())
                .isEqualTo("2026-11-24T05:40:02.500Z web.2: listening on 5000\n");
        assertThat(api.get(t.path("/logs?tail=0"), t.viewer().token()).body()).isEmpty();

        assertProblem(api.get(t.path("/logs?tail=-1"), t.viewer().token()), 422, "'tail' must be a whole number between 0 and 10000, got '-1'");
        assertProblem(api.get(t.path("/logs?tail=many"), t.viewer().token()), 422, "got 'many'");
        assertProblem(api.get(t.path("/logs?source=web%201"), t.viewer().token()), 422, "'source' must be a log source");
        assertProblem(api.get(t.path("/logs"), t.outsider().token()), 404, "app '" + t.app() + "' not found");
        assertProblem(api.get(t.path("/logs?follow=true"), t.outsider().token()), 404, "not found");
    }

    @Test
    void followingSendsTheTailThenLinesAsTheyComeAndResumesAfterLastEventId() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        append(t, "web.1", "old line");
        long tailId = append(t, "web.1", "last line before connecting");
        int before = openStreams();

        long liveId;
        try (EventStreamClient stream = new EventStreamClient(APP.getLocalPort(), t.path("/logs?follow=true&tail=1&source=web"),
                t.viewer().token(), Map.of())) {
            assertThat(stream.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(stream.headers()).containsIgnoringCase("Content-Type: text/event-stream");
            EventStreamClient.Event tail = stream.next();
            assertThat(tail.id()).isEqualTo(Long.toString(tailId));
            assertThat(tail.data()).endsWith(" web.1: last line before connecting");

            append(t, "router", "filtered out");
            liveId = append(t, "web.2", "appended after connecting");
            EventStreamClient.Event live = stream.next();
            assertThat(live.id()).isEqualTo(Long.toString(liveId));
            assertThat(live.data()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z web\\.2: appended after connecting");
            assertThat(openStreams()).isEqualTo(before + 1);
        }

        long missedId = append(t, "web.1", "written while disconnected");
        awaitStreamsClosed(t, before);

        try (EventStreamClient resumed = new EventStreamClient(APP.getLocalPort(), t.path("/logs?follow=true&source=web"),
                t.viewer().token(), Map.of("Last-Event-ID", Long.toString(liveId)))) {
            EventStreamClient.Event next = resumed.next();
            assertThat(next.id()).isEqualTo(Long.toString(missedId));
            assertThat(next.data()).endsWith(" web.1: written while disconnected");
        }
        awaitStreamsClosed(t, before);
    }

    /**
     * A stream notices its client left when a write fails, so lines are appended until it did;
     * the count of open streams must fall back (no request thread stays behind).
     */
    private static void awaitStreamsClosed(TeamApp t, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (openStreams() > expected) {
            assertThat(System.nanoTime()).as("log streams still open after their clients left").isLessThan(deadline);
            append(t, "web.1", "probe");
            Thread.sleep(50);
        }
    }

    @Test
    void followingWithABadLastEventIdIsABadRequest() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);

        Reply reply = api.raw("GET", t.path("/logs?follow=true"), null, null,
                Map.of("Authorization", "Bearer " + t.viewer().token(), "Last-Event-ID", "yesterday"));

        assertProblem(reply, 400, "Last-Event-ID must be the id of a log event");
    }
}
