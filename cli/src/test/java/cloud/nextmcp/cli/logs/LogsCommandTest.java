package cloud.nextmcp.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import org.junit.jupiter.api.Test;

class LogsCommandTest extends LoggedInCliTest {

    @Test
    void recentLinesOfOneSource() {
        api.on("GET", "/api/v1/apps/weather/logs", Response.text(200, "text/plain",
                "2026-11-24T05:40:01.123Z web.1: listening on 5000\n2026-11-24T05:40:02.001Z web.1: GET /mcp 200\n"));

        CliRunner.Result result = cli.run("logs", "-a", "weather", "-n", "50", "--source", "web");

        assertThat(api.onlyRequest().query()).isEqualTo("tail=50&source=web");
        assertThat(result.outLines()).containsExactly(
                "2026-11-24T05:40:01.123Z web.1: listening on 5000",
                "2026-11-24T05:40:02.001Z web.1: GET /mcp 200");
    }

    @Test
    void followReconnectsWithTheLastEventIdUntilTheServerSaysStop() {
        api.on("GET", "/api/v1/apps/weather/logs",
                Response.text(200, "text/event-stream", """
                        retry: 0

                        : keep-alive

                        id: 41
                        data: 2026-11-24T05:40:01.123Z web.1: one

                        id: 42
                        data: 2026-11-24T05:40:02.000Z web.1: two

                        """),
                Response.text(200, "text/event-stream", """
                        id: 43
                        data: 2026-11-24T05:40:03.000Z web.1: three

                        """),
                Response.noContent());

        CliRunner.Result result = cli.run("logs", "-f", "-a", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "2026-11-24T05:40:01.123Z web.1: one",
                "2026-11-24T05:40:02.000Z web.1: two",
                "2026-11-24T05:40:03.000Z web.1: three");
        assertThat(api.requests()).hasSize(3);
        assertThat(api.requests()).extracting(Request::query).containsOnly("tail=100&follow=true");
        assertThat(api.requests()).extracting(r -> r.header("Accept")).containsOnly("text/event-stream");
        assertThat(api.requests()).extracting(r -> r.header("Last-Event-ID")).containsExactly(null, "42", "43");
    }

    @Test
    void followOfAnUnknownAppStopsWithTheApiMessage() {
        api.on("GET", "/api/v1/apps/nope/logs", Response.problem(404, "Not Found", "app 'nope' not found"));

        CliRunner.Result result = cli.run("logs", "-f", "-a", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: app 'nope' not found\n");
    }
}
