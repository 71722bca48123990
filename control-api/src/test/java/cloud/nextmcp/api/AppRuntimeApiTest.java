package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.audit.AuditEntry;
import cloud.nextmcp.core.audit.AuditLog;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.releases.Formation;
import cloud.nextmcp.core.releases.FormationDao;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Builds, instances, scaling, restarts and metrics of an app. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AppRuntimeApiTest {
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

    private static Notifications listen(String channel) throws Exception {
        return new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), channel);
    }

    @Test
    void buildsListNewestFirstAndTheirLogsReadAsText() {
        TeamApp t = TeamApp.create(api, jdbi);
        long pusher = t.userId(api, t.member());
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        Build first = builds.enqueue(t.appId(), "1a2b3c4d5e6f7a8b000000000000000000000000", "refs/heads/main", pusher);
        builds.claim("worker-1", 60);
        builds.fail(first.id(), "no buildpack detected");
        Build second = builds.enqueue(t.appId(), "9f8e7d6c5b4a3f2e000000000000000000000000", "refs/heads/main", null);
        LogDao logs = jdbi.onDemand(LogDao.class);
        logs.append(t.appId(), first.id(), "build", "-----> Detecting buildpack");
        logs.append(t.appId(), first.id(), "build", "! no buildpack detected");
        logs.append(t.appId(), second.id(), "build", "other build");
        logs.append(t.appId(), null, "web.1", "not a build line");

        Reply listed = api.get(t.path("/builds"), t.viewer().token());

        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode list = listed.json();
        assertThat(list).extracting(b -> b.path("id").asLong()).containsExactly(second.id(), first.id());
        assertThat(list.get(0).path("status").asText()).isEqualTo("queued");
        assertThat(list.get(0).path("pusher").isNull()).isTrue();
        JsonNode failed = list.get(1);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("commit").asText()).isEqualTo("1a2b3c4d5e6f7a8b000000000000000000000000");
        assertThat(failed.path("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(failed.path("pusher").asText()).isEqualTo(t.member().email());
        assertThat(failed.path("error").asText()).isEqualTo("no buildpack detected");
        assertThat(failed.path("releaseVersion").isNull()).isTrue();
        assertThat(Instant.parse(failed.path("startedAt").asText())).isBeforeOrEqualTo(Instant.parse(failed.path("finishedAt").asText()));
        assertThat(api.get(t.path("/builds?limit=1"), t.viewer().token()).json()).hasSize(1);

        Reply log = api.get(t.path("/builds/" + first.id() + "/log"), t.viewer().token());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.contentType()).startsWith("text/plain");
        assertThat(log.body()).isEqualTo("-----> Detecting buildpack\n! no buildpack detected\n");

        TeamApp other = TeamApp.create(api, jdbi);
        assertProblem(api.get(other.path("/builds/" + first.id() + "/log"), other.owner().token()), 404,
                "build " + first.id() + " of app '" + other.app() + "' not found");
        assertProblem(api.get(t.path("/builds"), t.outsider().token()), 404, "app '" + t.app() + "' not found");
        assertProblem(api.get(t.path("/builds/" + first.id() + "/log"), t.outsider().token()), 404, "not found");
        assertProblem(api.get(t.path("/builds/abc/log"), t.viewer().token()), 404, "build ids are numbers");
        assertProblem(api.get(t.path("/builds?limit=0"), t.viewer().token()), 422, "'limit' must be a whole number between 1 and 500");
    }

    @Test
    void psListsTheLiveInstancesByTypeAndIndex() {
        TeamApp t = TeamApp.create(api, jdbi);
        insertInstance(t.appId() + "-v3-web.2-77aa88bb", t.appId(), 3, "healthy", 0);
        insertInstance(t.appId() + "-v3-web.1-0a1b2c3d", t.appId(), 3, "starting", 2);
        insertInstance(t.appId() + "-v2-web.1-deadbeef", t.appId(), 2, "stopped", 0);

        Reply ps = api.get(t.path("/ps"), t.viewer().token());

        assertThat(ps.status()).as(ps.toString()).isEqualTo(200);
        JsonNode instances = ps.json();
        assertThat(instances).hasSize(2);
        JsonNode web1 = instances.get(0);
        assertThat(web1.path("id").asText()).isEqualTo(t.appId() + "-v3-web.1-0a1b2c3d");
        assertThat(web1.path("type").asText()).isEqualTo("web");
        assertThat(web1.path("index").asInt()).isEqualTo(1);
        assertThat(web1.path("release").asInt()).isEqualTo(3);
        assertThat(web1.path("state").asText()).isEqualTo("starting");
        assertThat(web1.path("restarts").asInt()).isEqualTo(2);
        assertThat(web1.path("address").asText()).isEqualTo("127.0.0.1:40001");
        assertThat(Instant.parse(web1.path("startedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(instances.get(1).path("index").asInt()).isEqualTo(2);
        assertThat(instances.get(1).path("state").asText()).isEqualTo("healthy");
        assertProblem(api.get(t.path("/ps"), t.outsider().token()), 404, "not found");
    }

    private static void insertInstance(String id, long appId, int version, String state, int restarts) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO instances (id, app_id, release_version, process_index, address, state, restarts) "
                        + "VALUES (:id, :appId, :version, :index, '127.0.0.1:' || (40000 + :index), :state, :restarts)")
                .bind("id", id).bind("appId", appId).bind("version", version).bind("state", state).bind("restarts", restarts)
                .bind("index", Integer.parseInt(id.replaceAll(".*web\\.(\\d+).*", "$1")))
                .execute());
    }

    @Test
    void membersScaleTheWebFormationWhichIsStoredAndNotified() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);

        Reply scaled;
        try (Notifications apps = listen("apps")) {
            scaled = api.put(t.path("/formation/web"), Map.of("quantity", 3), t.member().token());
            assertThat(apps.payloads()).containsExactly(Long.toString(t.appId()));
        }

        assertThat(scaled.status()).as(scaled.toString()).isEqualTo(200);
        assertThat(scaled.json().path("type").asText()).isEqualTo("web");
        assertThat(scaled.json().path("quantity").asInt()).isEqualTo(3);
        assertThat(formation(t).quantity()).isEqualTo(3);
        assertThat(api.put(t.path("/formation/web"), Map.of("quantity", 0), t.owner().token()).status()).isEqualTo(200);
        assertThat(formation(t).quantity()).isZero();

        assertProblem(api.put(t.path("/formation/web"), Map.of("quantity", 2), t.viewer().token()), 403, "scaling needs member");
        assertProblem(api.put(t.path("/formation/web"), Map.of("quantity", 2), t.outsider().token()), 404, "not found");
        assertProblem(api.put(t.path("/formation/worker"), Map.of("quantity", 2), t.member().token()), 422,
                "unknown process type 'worker'");
        assertProblem(api.put(t.path("/formation/web"), Map.of("quantity", 11), t.member().token()), 422,
                "'quantity' must be between 0 and 10, got 11");
        assertProblem(api.put(t.path("/formation/web"), Map.of("quantity", -1), t.member().token()), 422, "between 0 and 10");
        assertProblem(api.put(t.path("/formation/web"), Map.of(), t.member().token()), 422, "'quantity' is required");
        assertProblem(api.put(t.path("/formation/web"), "{\"quantity\": \"lots\"}", t.member().token()), 400, "'quantity'");
        assertThat(formation(t).quantity()).isZero();

        long memberId = t.userId(api, t.member());
        List<AuditEntry> audit = jdbi.withHandle(h -> h.attach(AuditLog.class).byActor(memberId, 1));
        assertThat(audit.get(0).action()).isEqualTo("formation.scale");
        assertThat(audit.get(0).detail()).contains("\"quantity\": 3");
    }

    private static Formation formation(TeamApp t) {
        return jdbi.withHandle(h -> h.attach(FormationDao.class).web(t.appId()));
    }

    @Test
    void membersRestartTheAppWhichRecordsTheRequestAndNotifies() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(formation(t).restartRequestedAt()).isNull();

        Reply restarted;
        try (Notifications apps = listen("apps")) {
            restarted = api.post(t.path("/restart"), null, t.member().token());
            assertThat(apps.payloads()).containsExactly(Long.toString(t.appId()));
        }

        assertThat(restarted.status()).as(restarted.toString()).isEqualTo(202);
        assertThat(formation(t).restartRequestedAt()).isNotNull();
        assertProblem(api.post(t.path("/restart"), null, t.viewer().token()), 403, "restarting needs member");
        assertProblem(api.post(t.path("/restart"), null, t.outsider().token()), 404, "not found");
        long memberId = t.userId(api, t.member());
        assertThat(jdbi.withHandle(h -> h.attach(AuditLog.class).byActor(memberId, 1)).get(0).action()).isEqualTo("app.restart");
    }

    @Test
    void metricsSumTheWindowPerStatusClassAndPerMcpMethod() {
        TeamApp t = TeamApp.create(api, jdbi);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        insertMinute(t.appId(), now.minus(2, ChronoUnit.MINUTES), 10, 8, 2, 20, 90, 100);
        insertMinute(t.appId(), now.minus(1, ChronoUnit.MINUTES), 30, 30, 0, 40, 80, 250);
        insertMinute(t.appId(), now.minus(3, ChronoUnit.HOURS), 1000, 0, 1000, 5, 500, 5);
        insertCalls(t.appId(), now.minus(2, ChronoUnit.MINUTES), "tools/call", "forecast", 6, 1, 30, 70, 90);
        insertCalls(t.appId(), now.minus(1, ChronoUnit.MINUTES), "tools/call", "forecast", 2, 0, 50, 100, 120);
        insertCalls(t.appId(), now.minus(1, ChronoUnit.MINUTES), "initialize", "", 3, 0, 5, 8, 9);

        Reply reply = api.get(t.path("/metrics?minutes=60"), t.viewer().token());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode metrics = reply.json();
        assertThat(metrics.path("minutes").asInt()).isEqualTo(60);
        JsonNode totals = metrics.path("totals");
        assertThat(totals.path("requests").asLong()).isEqualTo(40);
        assertThat(totals.path("status").path("2xx").asLong()).isEqualTo(38);
        assertThat(totals.path("status").path("5xx").asLong()).isEqualTo(2);
        assertThat(totals.path("status").path("4xx").asLong()).isZero();
        assertThat(totals.path("p50Ms").asDouble()).isEqualTo((10 * 20 + 30 * 40) / 40.0);
        assertThat(totals.path("p95Ms").asDouble()).isEqualTo(90);
        assertThat(totals.path("p99Ms").asDouble()).isEqualTo(250);
        assertThat(metrics.path("series")).extracting(m -> m.path("requests").asLong()).containsExactly(10L, 30L);
        assertThat(metrics.path("series")).extracting(m -> m.path("p95Ms").asDouble()).containsExactly(90.0, 80.0);
        assertThat(Instant.parse(metrics.path("series").get(0).path("minute").asText())).isEqualTo(now.minus(2, ChronoUnit.MINUTES));
        JsonNode methods = metrics.path("methods");
        assertThat(methods).hasSize(2);
        JsonNode forecast = methods.get(0);
        assertThat(forecast.path("method").asText()).isEqualTo("tools/call");
        assertThat(forecast.path("tool").asText()).isEqualTo("forecast");
        assertThat(forecast.path("requests").asLong()).isEqualTo(8);
        assertThat(forecast.path("errors").asLong()).isEqualTo(1);
        assertThat(forecast.path("p50Ms").asDouble()).isEqualTo((6 * 30 + 2 * 50) / 8.0);
        assertThat(forecast.path("p95Ms").asDouble()).isEqualTo(100);
        assertThat(forecast.path("p99Ms").asDouble()).isEqualTo(120);
        assertThat(methods.get(1).path("method").asText()).isEqualTo("initialize");

        JsonNode day = api.get(t.path("/metrics?minutes=1440"), t.viewer().token()).json();
        assertThat(day.path("totals").path("requests").asLong()).isEqualTo(1040);

        assertProblem(api.get(t.path("/metrics?minutes=0"), t.viewer().token()), 422, "'minutes' must be a whole number between 1 and 10080");
        assertProblem(api.get(t.path("/metrics?minutes=10081"), t.viewer().token()), 422, "got '10081'");
        assertProblem(api.get(t.path("/metrics?minutes=an-hour"), t.viewer().token()), 422, "got 'an-hour'");
        assertProblem(api.get(t.path("/metrics"), t.outsider().token()), 404, "not found");
    }

    @Test
    void metricsOfAnAppWithoutTrafficAreZeroWithoutLatencies() {
        TeamApp t = TeamApp.create(api, jdbi);

        JsonNode metrics = api.get(t.path("/metrics"), t.viewer().token()).json();

        assertThat(metrics.path("minutes").asInt()).isEqualTo(60);
        assertThat(metrics.path("totals").path("requests").asLong()).isZero();
        assertThat(metrics.path("totals").path("p50Ms").isNull()).isTrue();
        assertThat(metrics.path("series")).isEmpty();
        assertThat(metrics.path("methods")).isEmpty();
    }

    private static void insertMinute(long appId, Instant minute, long requests, long ok, long errors, double p50,
                                     double p95, double p99) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO app_metrics_minutely (app_id, minute, requests, status_2xx, status_5xx, "
                        + "latency_ms_p50, latency_ms_p95, latency_ms_p99) VALUES (:appId, :minute, :requests, :ok, :errors, :p50, :p95, :p99)")
                .bind("appId", appId).bind("minute", minute).bind("requests", requests).bind("ok", ok)
                .bind("errors", errors).bind("p50", p50).bind("p95", p95).bind("p99", p99).execute());
        // A per-instance row of the same minute must not be counted twice.
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO app_metrics_minutely (app_id, minute, instance_id, requests) "
                + "VALUES (:appId, :minute, 'web.1', :requests)").bind("appId", appId).bind("minute", minute)
                .bind("requests", requests).execute());
    }

    private static void insertCalls(long appId, Instant minute, String method, String tool, long calls, long errors,
                                    double p50, double p95, double p99) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO mcp_metrics_minutely (app_id, minute, method, tool, calls, errors, "
                        + "latency_ms_p50, latency_ms_p95, latency_ms_p99) VALUES (:appId, :minute, :method, :tool, :calls, :errors, :p50, :p95, :p99)")
                .bind("appId", appId).bind("minute", minute).bind("method", method).bind("tool", tool).bind("calls", calls)
                .bind("errors", errors).bind("p50", p50).bind("p95", p95).bind("p99", p99).execute());
    }
}
