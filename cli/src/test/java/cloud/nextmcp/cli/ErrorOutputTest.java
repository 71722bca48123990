package cloud.nextmcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import org.junit.jupiter.api.Test;

class ErrorOutputTest extends LoggedInCliTest {

    @Test
    void theProblemDetailIsTheOneLinePrinted() {
        api.on("GET", "/api/v1/apps/weather", Response.problem(404, "Not Found", "app 'weather' not found"));

        CliRunner.Result result = cli.run("apps", "info", "-a", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: app 'weather' not found\n");
    }

    @Test
    void withoutADetailTheTitleAndStatusAreShown() {
        api.on("GET", "/api/v1/apps", Response.problem(500, "Internal Server Error", null));

        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.err()).isEqualTo("error: Internal Server Error (HTTP 500)\n");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonStillGivesOneLine() {
        api.on("GET", "/api/v1/apps", Response.text(502, "text/html", "<html><body>Bad Gateway</body></html>"));

        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.err()).isEqualTo("error: the API answered HTTP 502\n");
    }

    @Test
    void rateLimitingSaysWhenToTryAgain() {
        api.on("POST", "/api/v1/auth/login",
                Response.problem(429, "Too Many Requests", "too many login attempts").withHeader("Retry-After", "30"));

        CliRunner.Result result = cli.stdin("some password\n")
                .run("login", "--email", "alice@example.com", "--password-stdin");

        assertThat(result.err()).isEqualTo("error: too many login attempts (try again in 30 s)\n");
    }

    @Test
    void anApiThatIsNotRunningIsNamedWithTheWayToStartIt() {
        String url = api.url();
        api.close();

        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: cannot reach the NextMCP API at " + url
                + " (is the platform running? start it with: bin/nextmcp-dev)\n");
    }

    @Test
    void apiOptionWinsOverTheEnvironmentBeforeOrAfterTheSubcommand() {
        FakeApi other = new FakeApi();
        try (other) {
            other.on("GET", "/api/v1/users/me", Response.json(200, "{\"email\":\"bob@example.com\"}"));
            cli.variable("NEXTMCP_TOKEN", "nmcp_ci");

            CliRunner.Result after = cli.run("whoami", "--api", other.url() + "/");
            CliRunner.Result before = cli.run("--api", other.url() + "/api/v1", "whoami");

            assertThat(after.outLines()).containsExactly("bob@example.com");
            assertThat(before.outLines()).containsExactly("bob@example.com");
            assertThat(other.requests()).hasSize(2);
            assertThat(api.requests()).isEmpty();
        }
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        CliRunner.Result unknownOption = cli.run("apps", "list", "--bogus");
        CliRunner.Result typo = cli.run("apps", "lst");
        CliRunner.Result group = cli.run("teams");

        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).isEqualTo("error: Unknown option: '--bogus' (see 'nextmcp apps list --help')\n");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.errLines()).hasSize(1);
        assertThat(typo.err()).startsWith("error: Unmatched argument at index 1: 'lst'; did you mean list");
        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).isEqualTo("error: missing subcommand: one of list, create, members, add-member, "
                + "remove-member, set-role, invite, invitations, join (see 'nextmcp teams --help')\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anUnexpectedFailureIsOneLineWithoutAStackTrace() {
        api.on("GET", "/api/v1/apps", Response.json(200, "{not json"));

        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the NextMCP API at " + api.url()
                + " sent a response that is not JSON\n");
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void debugModePrintsTheStackTrace() {
        api.on("GET", "/api/v1/apps", Response.json(200, "{not json"));

        CliRunner.Result result = cli.variable("NEXTMCP_DEBUG", "1").run("apps", "list");

        assertThat(result.err()).contains("\tat cloud.nextmcp.cli.http.ApiClient");
        assertThat(result.errLines().get(result.errLines().size() - 1)).startsWith("error: the NextMCP API");
    }

    @Test
    void helpAndVersionWork() {
        CliRunner.Result help = cli.run("--help");
        CliRunner.Result subHelp = cli.run("apps", "create", "--help");
        CliRunner.Result version = cli.run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: nextmcp", "register", "apps", "logs");
        assertThat(subHelp.out()).contains("Usage: nextmcp apps create", "--team", "--http", "--api");
        assertThat(version.out()).matches("nextmcp \\d+\\.\\d+\\.\\d+.*\n");
    }
}
