package cloud.nextmcp.cli.github;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import org.junit.jupiter.api.Test;

/** github connect/status/disconnect, previews and config --preview: what is sent and what a user reads. */
class GithubCommandsTest extends LoggedInCliTest {
    private static final String CONNECTION = "{\"repository\":\"octo-org/weather\",\"branch\":null,\"previews\":\"pr\","
            + "\"connectedAt\":\"2026-11-29T12:00:00Z\",\"webhookUrl\":\"/api/v1/github/webhook\"}";

    @Test
    void connectSendsTheRepositoryAndSaysWhereTheWebhookGoes() {
        api.on("PUT", "/api/v1/apps/weather/github", Response.json(200, CONNECTION));

        CliRunner.Result result = cli.run("github", "connect", "octo-org/weather", "--previews", "pr", "-a", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().json().path("repository").asText()).isEqualTo("octo-org/weather");
        assertThat(api.onlyRequest().json().path("previews").asText()).isEqualTo("pr");
        assertThat(api.onlyRequest().json().path("branch").isNull()).isTrue();
        assertThat(result.out()).contains("Connected weather to octo-org/weather: pushes to the default branch deploy; previews: pr")
                .contains(api.url() + "/api/v1/github/webhook");
    }

    @Test
    void aRefusalIsTheApisMessageWithoutAStackTrace() {
        api.on("PUT", "/api/v1/apps/weather/github", Response.problem(409, "Conflict",
                "octo-org/weather is already connected to another app; disconnect it there first"));

        CliRunner.Result result = cli.run("github", "connect", "octo-org/weather", "-a", "weather");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("already connected to another app").doesNotContain("Exception");
    }

    @Test
    void previewsListAndDestroyAndConfigOfAPreview() {
        api.on("GET", "/api/v1/apps/weather/previews", Response.json(200, "[{\"preview\":\"pr-7\",\"app\":\"pr-7--weather\","
                + "\"url\":\"http://pr-7--weather.example.net\",\"branch\":\"howdy\",\"pullRequest\":7,"
                + "\"commit\":\"4f2a9c1e0d1a26e67d8f5eaf1f6ba5c57fc3c7d9\",\"createdAt\":\"2026-11-29T12:00:00Z\","
                + "\"updatedAt\":\"2026-11-29T13:58:00Z\"}]"));
        api.on("DELETE", "/api/v1/apps/weather/previews/pr-7", Response.noContent());
        api.on("PATCH", "/api/v1/apps/pr-7--weather/config", Response.json(200, "{\"REGION\":\"us\"}"));

        assertThat(cli.run("previews", "-a", "weather").outLines()).containsExactly(
                "PREVIEW  URL                               COMMIT   BRANCH  UPDATED",
                "pr-7     http://pr-7--weather.example.net  4f2a9c1  howdy   2026-11-29 13:58 UTC");
        assertThat(cli.run("previews", "destroy", "pr-7", "-a", "weather").outLines())
                .containsExactly("Destroyed preview pr-7 of weather");
        assertThat(cli.run("config", "set", "--preview", "pr-7", "REGION=us", "-a", "weather").outLines())
                .containsExactly("Set REGION on pr-7--weather: a new release is rolling out");
    }
}
