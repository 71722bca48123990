package cloud.nextmcp.cli.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class AutoscaleCommandTest extends LoggedInCliTest {
    private static final String ASLEEP = "{\"enabled\":true,\"min\":0,\"max\":3,\"idleSeconds\":300,\"concurrency\":20,"
            + "\"replicas\":0,\"state\":\"asleep\",\"reason\":null}";

    @Test
    void setsShowsAndTurnsOff() {
        api.on("PUT", "/api/v1/apps/weather/autoscale", Response.json(200, ASLEEP));
        api.on("GET", "/api/v1/apps/weather/autoscale", Response.json(200, ASLEEP));
        api.on("DELETE", "/api/v1/apps/weather/autoscale", Response.json(200, "{\"enabled\":false}"));

        CliRunner.Result set = cli.run("autoscale", "-a", "weather", "--min", "0", "--max", "3", "--idle", "5m", "--concurrency", "20");
        CliRunner.Result show = cli.run("autoscale", "-a", "weather");
        CliRunner.Result off = cli.run("autoscale", "-a", "weather", "off");

        assertThat(set.outLines()).containsExactly(
                "weather autoscaling: web 0–3, target 20 in flight per instance, asleep after 5m idle; now asleep (0 instances)");
        assertThat(show.out()).isEqualTo(set.out());
        assertThat(off.outLines()).containsExactly("weather autoscaling: off; the fixed count runs (nextmcp ps)");
        assertThat(api.requests()).extracting(Request::method, Request::path, Request::body).containsExactly(
                Tuple.tuple("PUT", "/api/v1/apps/weather/autoscale", "{\"min\":0,\"max\":3,\"idleSeconds\":300,\"concurrency\":20}"),
                Tuple.tuple("GET", "/api/v1/apps/weather/autoscale", ""),
                Tuple.tuple("DELETE", "/api/v1/apps/weather/autoscale", ""));
    }

    @Test
    void anIdlePeriodThatIsNotOneIsAUsageError() {
        CliRunner.Result bad = cli.run("autoscale", "-a", "weather", "--min", "0", "--max", "2", "--idle", "soon");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--idle: 'soon' is not a period: write e.g. 30s, 5m or 1h");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void psSaysTheAppIsAsleep() {
        api.on("GET", "/api/v1/apps/weather/ps", Response.json(200, "[]"));
        api.on("GET", "/api/v1/apps/weather/autoscale", Response.json(200, ASLEEP));

        assertThat(cli.run("ps", "-a", "weather").outLines()).containsExactly(
                "autoscale: web 0–3, target 20 in flight per instance, asleep after 5m idle; now asleep (0 instances)",
                "weather has no running instances: asleep, the next request wakes it");
    }

    @Test
    void idlePeriodsReadAndPrintAsUsersWriteThem() {
        assertThat(IdlePeriod.parse("90")).isEqualTo(90);
        assertThat(IdlePeriod.parse("45s")).isEqualTo(45);
        assertThat(IdlePeriod.parse("5m")).isEqualTo(300);
        assertThat(IdlePeriod.parse("2h")).isEqualTo(7200);
        assertThat(IdlePeriod.format(300)).isEqualTo("5m");
        assertThat(IdlePeriod.format(90)).isEqualTo("90s");
        assertThat(IdlePeriod.format(7200)).isEqualTo("2h");
    }
}
