package cloud.nextmcp.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** config, releases, rollback, builds, ps, scale, restart and metrics against the issue-4 endpoints. */
class AppRuntimeCommandsTest extends LoggedInCliTest {

    static final String RELEASE_3 = "{\"version\":3,\"description\":\"Set API_KEY\",\"buildId\":12,"
            + "\"commit\":\"1a2b3c4d5e6f\",\"createdAt\":\"2026-11-24T05:40:00Z\",\"createdBy\":\"alice@example.com\","
            + "\"status\":\"live\",\"current\":true,\"configKeys\":[\"API_KEY\",\"REGION\"]}";
    static final String RELEASE_2 = "{\"version\":2,\"description\":\"Deploy 1a2b3c4\",\"buildId\":12,"
            + "\"commit\":\"1a2b3c4d5e6f\",\"createdAt\":\"2026-11-24T05:30:00Z\",\"createdBy\":\"alice@example.com\","
            + "\"status\":\"superseded\",\"current\":false}";

    @Test
    void configValuesAreMaskedUnlessRevealed() {
        api.on("GET", "/api/v1/apps/weather/config", Response.json(200, "{\"API_KEY\":\"s3cret\",\"REGION\":\"eu\"}"));

        CliRunner.Result masked = cli.run("config", "-a", "weather");
        CliRunner.Result maskedJson = cli.run("config", "-a", "weather", "--json");
        CliRunner.Result revealed = cli.run("config", "-a", "weather", "--reveal");

        assertThat(masked.outLines()).containsExactly("=== weather config vars", "API_KEY: ********", "REGION:  ********");
        assertThat(maskedJson.out()).isEqualTo("{\n  \"API_KEY\": \"********\",\n  \"REGION\": \"********\"\n}\n");
        assertThat(revealed.outLines()).containsExactly("=== weather config vars", "API_KEY: s3cret", "REGION:  eu");
    }

    @Test
    void configSetAndUnsetPatchTheMap() {
        api.on("PATCH", "/api/v1/apps/weather/config", Response.json(200, "{\"REGION\":\"eu\"}"));

        CliRunner.Result set = cli.run("config", "set", "-a", "weather", "API_KEY=a=b c", "REGION=eu");
        CliRunner.Result unset = cli.run("config", "-a", "weather", "unset", "API_KEY");

        assertThat(set.outLines()).containsExactly("Set API_KEY, REGION on weather: a new release is rolling out");
        assertThat(unset.outLines()).containsExactly("Unset API_KEY on weather: a new release is rolling out");
        assertThat(api.requests()).extracting(Request::body)
                .containsExactly("{\"API_KEY\":\"a=b c\",\"REGION\":\"eu\"}", "{\"API_KEY\":null}");
    }

    @Test
    void configSetRejectsBadInputWithoutCallingTheApi() {
        CliRunner.Result noEquals = cli.run("config", "set", "-a", "weather", "API_KEY");
        CliRunner.Result badKey = cli.run("config", "set", "-a", "weather", "1KEY=x");

        assertThat(noEquals.exitCode()).isEqualTo(2);
        assertThat(noEquals.err()).isEqualTo("error: 'API_KEY' is not KEY=VALUE (see 'nextmcp config set --help')\n");
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).startsWith("error: '1KEY' is not a valid config var name");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void releasesTableAndInfo() {
        api.on("GET", "/api/v1/apps/weather/releases", Response.json(200, "[" + RELEASE_3 + "," + RELEASE_2 + "]"));
        api.on("GET", "/api/v1/apps/weather/releases/3", Response.json(200, RELEASE_3));

        CliRunner.Result list = cli.run("releases", "-a", "weather");
        CliRunner.Result info = cli.run("releases", "info", "v3", "-a", "weather");

        assertThat(list.outLines()).containsExactly(
                "VERSION  STATUS          DESCRIPTION     BY                 CREATED",
                "v3       live (current)  Set API_KEY     alice@example.com  2026-11-24 05:40 UTC",
                "v2       superseded      Deploy 1a2b3c4  alice@example.com  2026-11-24 05:30 UTC");
        assertThat(info.outLines()).containsExactly(
                "=== weather v3",
                "Status:      live (current)",
                "Description: Set API_KEY",
                "Build:       12",
                "Commit:      1a2b3c4d5e6f",
                "Created by:  alice@example.com",
                "Created:     2026-11-24 05:40 UTC",
                "Config vars: API_KEY, REGION");
    }

    @Test
    void rollbackToAVersionOrThePreviousOne() {
        api.on("POST", "/api/v1/apps/weather/releases/rollback", Response.json(201,
                "{\"version\":4,\"description\":\"Rollback to v2\",\"status\":\"pending\",\"current\":false}"));

        CliRunner.Result explicit = cli.run("rollback", "v2", "-a", "weather");
        CliRunner.Result previous = cli.run("rollback", "-a", "weather");
        CliRunner.Result bad = cli.run("rollback", "latest", "-a", "weather");

        assertThat(explicit.outLines()).containsExactly("Rolled back weather: v4 is rolling out (Rollback to v2)");
        assertThat(api.requests()).extracting(Request::body).containsExactly("{\"version\":2}", "{}");
        assertThat(previous.exitCode()).isZero();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'latest' is not a release version like v3");
    }

    @Test
    void buildsAndABuildLog() {
        api.on("GET", "/api/v1/apps/weather/builds", Response.json(200, "[{\"id\":12,\"status\":\"succeeded\","
                + "\"commit\":\"1a2b3c4d5e6f\",\"ref\":\"refs/heads/main\",\"pusher\":\"alice@example.com\","
                + "\"releaseVersion\":2,\"createdAt\":\"2026-11-24T05:29:00Z\"},{\"id\":13,\"status\":\"failed\","
                + "\"commit\":\"9f8e7d6c5b4a\",\"ref\":\"refs/heads/main\",\"pusher\":\"bob@example.com\","
                + "\"releaseVersion\":null,\"createdAt\":\"2026-11-24T05:35:00Z\"}]"));
        api.on("GET", "/api/v1/apps/weather/builds/13/log",
                Response.text(200, "text/plain", "-----> Node.js app detected\nnpm ERR! missing script: build"));

        CliRunner.Result builds = cli.run("builds", "-a", "weather");
        CliRunner.Result log = cli.run("builds", "log", "13", "-a", "weather");

        assertThat(builds.outLines()).containsExactly(
                "ID  STATUS     COMMIT   REF              PUSHER             RELEASE  CREATED",
                "12  succeeded  1a2b3c4  refs/heads/main  alice@example.com  v2       2026-11-24 05:29 UTC",
                "13  failed     9f8e7d6  refs/heads/main  bob@example.com             2026-11-24 05:35 UTC");
        assertThat(log.out()).isEqualTo("-----> Node.js app detected\nnpm ERR! missing script: build\n");
        assertThat(api.requests().get(1).header("Accept")).isEqualTo("text/plain");
    }

    @Test
    void psScaleAndRestart() {
        api.on("GET", "/api/v1/apps/weather/ps", Response.json(200, "[{\"id\":\"i-1\",\"type\":\"web\",\"index\":1,"
                + "\"release\":3,\"state\":\"healthy\",\"restarts\":0,\"startedAt\":\"2026-11-24T05:41:00Z\","
                + "\"address\":\"127.0.0.1:40123\"}]"));
        api.on("GET", "/api/v1/apps/weather/autoscale", Response.json(200, "{\"enabled\":false}"));
        api.on("PUT", "/api/v1/apps/weather/formation/web", Response.json(200, "{\"type\":\"web\",\"quantity\":2}"));
        api.on("POST", "/api/v1/apps/weather/restart", Response.text(202, null, ""));

        CliRunner.Result ps = cli.run("ps", "-a", "weather");
        CliRunner.Result scale = cli.run("scale", "web=2", "-a", "weather");
        CliRunner.Result restart = cli.run("restart", "-a", "weather");
        CliRunner.Result badScale = cli.run("scale", "web=many", "-a", "weather");

        assertThat(ps.outLines()).containsExactly(
                "INSTANCE  STATE    RELEASE  RESTARTS  STARTED               ADDRESS",
                "web.1     healthy  v3       0         2026-11-24 05:41 UTC  127.0.0.1:40123");
        assertThat(scale.outLines()).containsExactly("Scaled weather web to 2");
        assertThat(restart.outLines()).containsExactly("Restarting weather");
        assertThat(badScale.exitCode()).isEqualTo(2);
        assertThat(api.requests()).extracting(Request::method, Request::path, Request::body).containsExactly(
                Tuple.tuple("GET", "/api/v1/apps/weather/ps", ""),
                Tuple.tuple("GET", "/api/v1/apps/weather/autoscale", ""),
                Tuple.tuple("PUT", "/api/v1/apps/weather/formation/web", "{\"quantity\":2}"),
                Tuple.tuple("POST", "/api/v1/apps/weather/restart", ""));
    }

    @Test
    void metricsSummaryAndPerToolTable() {
        api.on("GET", "/api/v1/apps/weather/metrics", Response.json(200, "{\"totals\":{\"requests\":120,"
                + "\"status\":{\"2xx\":110,\"4xx\":8,\"5xx\":2},\"p50Ms\":12.5,\"p95Ms\":60,\"p99Ms\":80},"
                + "\"methods\":[{\"method\":\"tools/call\",\"tool\":\"forecast\",\"requests\":40,\"errors\":1,"
                + "\"p50Ms\":20,\"p95Ms\":50.5,\"p99Ms\":95.25},{\"method\":\"initialize\",\"tool\":null,\"requests\":6,"
                + "\"errors\":0,\"p50Ms\":3,\"p99Ms\":4}]}"));

        CliRunner.Result result = cli.run("metrics", "--minutes", "30", "-a", "weather");

        assertThat(api.onlyRequest().query()).isEqualTo("minutes=30");
        assertThat(result.outLines()).containsExactly(
                "=== weather, last 30 minutes",
                "Requests: 120 (2xx 110, 4xx 8, 5xx 2)",
                "Latency:  p50 12.5 ms, p95 60 ms, p99 80 ms",
                "",
                "METHOD      TOOL      REQUESTS  ERRORS  P50    P95      P99",
                "tools/call  forecast  40        1       20 ms  50.5 ms  95.3 ms",
                "initialize            6         0       3 ms   -        4 ms");
    }
}
