package cloud.nextmcp.cli.apps;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.Git;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppsCommandsTest extends LoggedInCliTest {
    private static final String AUTOSCALE_OFF = "{\"enabled\":false}";

    static final String WEATHER = """
            {"name":"weather","team":"alice","createdAt":"2026-11-24T05:40:00Z",
             "webUrl":"http://weather.localhost:8080/","gitSshUrl":"ssh://git@localhost:2222/weather.git",
             "gitHttpUrl":"http://localhost:2280/git/weather.git","deployBranch":"main","role":"owner"}""";
    static final String TIDES = """
            {"name":"tides-mcp","team":"acme","createdAt":"2026-11-20T10:00:00Z",
             "webUrl":"http://tides-mcp.localhost:8080/","gitSshUrl":"ssh://git@localhost:2222/tides-mcp.git",
             "gitHttpUrl":"http://localhost:2280/git/tides-mcp.git","deployBranch":"main","role":"viewer"}""";

    Path repo;

    @BeforeEach
    void repository() {
        repo = cli.workingDirectory();
    }

    @Test
    void createInsideAGitRepoAddsTheNextmcpRemote() {
        Git.run(repo, "init", "-q");
        api.on("POST", "/api/v1/apps", Response.json(201, WEATHER));

        CliRunner.Result result = cli.run("apps", "create", "weather");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        Request request = api.onlyRequest();
        assertThat(request.authorization()).isEqualTo("Bearer access-1");
        assertThat(request.body()).isEqualTo("{\"name\":\"weather\"}");
        assertThat(result.outLines()).containsExactly(
                "Created app weather in team alice",
                "Web URL:    http://weather.localhost:8080/",
                "Git remote: ssh://git@localhost:2222/weather.git",
                "Added git remote 'nextmcp'. Deploy with: git push nextmcp main");
        assertThat(Git.run(repo, "remote", "get-url", "nextmcp")).isEqualTo("ssh://git@localhost:2222/weather.git");
    }

    @Test
    void createWithoutANameLetsThePlatformPickOneAndHttpPicksTheHttpRemote() {
        Git.run(repo, "init", "-q");
        api.on("POST", "/api/v1/apps", Response.json(201, WEATHER));

        CliRunner.Result result = cli.run("apps", "create", "--team", "acme", "--http");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().body()).isEqualTo("{\"team\":\"acme\"}");
        assertThat(result.outLines()).contains("Git remote: http://localhost:2280/git/weather.git");
        assertThat(Git.run(repo, "remote", "get-url", "nextmcp")).isEqualTo("http://localhost:2280/git/weather.git");
    }

    @Test
    void anExistingNextmcpRemoteIsLeftAlone() {
        Git.run(repo, "init", "-q");
        Git.run(repo, "remote", "add", "nextmcp", "ssh://git@localhost:2222/older.git");
        api.on("POST", "/api/v1/apps", Response.json(201, WEATHER));

        CliRunner.Result result = cli.run("apps", "create", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).last().isEqualTo("Git remote 'nextmcp' already exists "
                + "(ssh://git@localhost:2222/older.git); left unchanged. To deploy this app from here: "
                + "git remote set-url nextmcp ssh://git@localhost:2222/weather.git");
        assertThat(Git.run(repo, "remote", "get-url", "nextmcp")).isEqualTo("ssh://git@localhost:2222/older.git");
    }

    @Test
    void createOutsideARepoSaysHowToAddTheRemoteLater() {
        api.on("POST", "/api/v1/apps", Response.json(201, WEATHER));

        CliRunner.Result result = cli.run("apps", "create", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).last().isEqualTo(
                "Not inside a git repo: in your project, run git remote add nextmcp ssh://git@localhost:2222/weather.git");
    }

    @Test
    void createWithJsonKeepsStdoutPureJson() {
        Git.run(repo, "init", "-q");
        api.on("POST", "/api/v1/apps", Response.json(201, WEATHER));

        CliRunner.Result result = cli.run("apps", "create", "weather", "--json");

        assertThat(result.out()).startsWith("{\n  \"name\": \"weather\",\n").endsWith("}\n");
        assertThat(result.err()).isEqualTo("Added git remote 'nextmcp'. Deploy with: git push nextmcp main\n");
    }

    @Test
    void aTakenNameIsReportedAsTheApiSaysIt() {
        api.on("POST", "/api/v1/apps", Response.problem(409, "Conflict", "the app name 'weather' is taken"));

        CliRunner.Result result = cli.run("apps", "create", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the app name 'weather' is taken\n");
    }

    @Test
    void listPrintsAnAlignedTable() {
        api.on("GET", "/api/v1/apps", Response.json(200, "[" + WEATHER + "," + TIDES + "]"));

        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "NAME       TEAM   ROLE    WEB URL",
                "weather    alice  owner   http://weather.localhost:8080/",
                "tides-mcp  acme   viewer  http://tides-mcp.localhost:8080/");
    }

    @Test
    void listJsonPrintsTheApiJsonAndTeamFilters() {
        api.on("GET", "/api/v1/apps", Response.json(200, "[" + TIDES + "]"));

        CliRunner.Result result = cli.run("apps", "list", "--team", "acme", "--json");

        assertThat(api.onlyRequest().query()).isEqualTo("team=acme");
        assertThat(result.out()).isEqualTo("""
                [
                  {
                    "name": "tides-mcp",
                    "team": "acme",
                    "createdAt": "2026-11-20T10:00:00Z",
                    "webUrl": "http://tides-mcp.localhost:8080/",
                    "gitSshUrl": "ssh://git@localhost:2222/tides-mcp.git",
                    "gitHttpUrl": "http://localhost:2280/git/tides-mcp.git",
                    "deployBranch": "main",
                    "role": "viewer"
                  }
                ]
                """);
    }

    @Test
    void anEmptyListSaysHowToStart() {
        api.on("GET", "/api/v1/apps", Response.json(200, "[]"));

        assertThat(cli.run("apps", "list").outLines()).containsExactly("No apps yet. Create one with: nextmcp apps create");
    }

    @Test
    void infoFindsTheAppFromTheHttpRemoteOfTheRepo() {
        Git.run(repo, "init", "-q");
        Git.run(repo, "remote", "add", "nextmcp", "http://localhost:2280/git/weather.git");
        api.on("GET", "/api/v1/apps/weather", Response.json(200, WEATHER));
        api.on("GET", "/api/v1/apps/weather/autoscale", Response.json(200, AUTOSCALE_OFF));

        CliRunner.Result result = cli.run("apps", "info");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "=== weather",
                "Team:          alice",
                "Your role:     owner",
                "Web URL:       http://weather.localhost:8080/",
                "Git (SSH):     ssh://git@localhost:2222/weather.git",
                "Git (HTTP):    http://localhost:2280/git/weather.git",
                "Deploy branch: main",
                "Created:       2026-11-24 05:40 UTC");
    }

    @Test
    void infoShowsTheNameAndDescriptionOfANextMcpProjectAndJsonHasThemOrNull() {
        String blog = WEATHER.replace("\"role\":\"owner\"}", "\"role\":\"owner\",\"projectName\":\"blog-server\","
                + "\"projectDescription\":\"A blog management MCP server\"}");
        api.on("GET", "/api/v1/apps/weather", Response.json(200, blog));
        api.on("GET", "/api/v1/apps/tides-mcp", Response.json(200,
                TIDES.replace("\"role\":\"viewer\"}", "\"role\":\"viewer\",\"projectName\":null,\"projectDescription\":null}")));

        api.on("GET", "/api/v1/apps/weather/autoscale", Response.json(200, AUTOSCALE_OFF));
        api.on("GET", "/api/v1/apps/tides-mcp/autoscale", Response.json(200, AUTOSCALE_OFF));
        CliRunner.Result text = cli.run("apps", "info", "-a", "weather");
        CliRunner.Result json = cli.run("apps", "info", "-a", "weather", "--json");
        CliRunner.Result other = cli.run("apps", "info", "-a", "tides-mcp");
        CliRunner.Result otherJson = cli.run("apps", "info", "-a", "tides-mcp", "--json");

        assertThat(text.outLines()).endsWith(
                "Created:       2026-11-24 05:40 UTC",
                "Project:       blog-server",
                "Description:   A blog management MCP server");
        assertThat(json.out()).contains("\"projectName\": \"blog-server\"",
                "\"projectDescription\": \"A blog management MCP server\"");
        assertThat(other.exitCode()).isZero();
        assertThat(other.outLines()).last().isEqualTo("Created:       2026-11-20 10:00 UTC");
        assertThat(other.out()).doesNotContain("Project", "Description");
        assertThat(otherJson.out()).contains("\"projectName\": null", "\"projectDescription\": null");
    }

    @Test
    void theAppOptionWinsOverTheRemote() {
        Git.run(repo, "init", "-q");
        Git.run(repo, "remote", "add", "nextmcp", "ssh://git@localhost:2222/weather.git");
        api.on("GET", "/api/v1/apps/tides-mcp", Response.json(200, TIDES));
        api.on("GET", "/api/v1/apps/tides-mcp/autoscale", Response.json(200, AUTOSCALE_OFF));

        CliRunner.Result result = cli.run("apps", "info", "--app", "tides-mcp");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests()).extracting(r -> r.path())
                .containsExactly("/api/v1/apps/tides-mcp", "/api/v1/apps/tides-mcp/autoscale");
    }

    @Test
    void withoutAppOrRemoteTheUserIsToldWhatToDo() {
        CliRunner.Result result = cli.run("apps", "info");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "error: no app given: use -a APP or run inside a repo with a 'nextmcp' remote\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void destroyRefusesWithoutTheRightConfirmation() {
        CliRunner.Result missing = cli.run("apps", "destroy", "-a", "weather");
        CliRunner.Result wrong = cli.run("apps", "destroy", "-a", "weather", "--confirm", "wether");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: destroying weather deletes it, its releases and its config "
                + "for good: to go ahead, run again with --confirm weather\n");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("error: --confirm wether does not match the app weather: nothing destroyed\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void destroyWithConfirmationDeletesAndPointsAtTheStaleRemote() {
        Git.run(repo, "init", "-q");
        Git.run(repo, "remote", "add", "nextmcp", "ssh://git@localhost:2222/weather.git");
        api.on("DELETE", "/api/v1/apps/weather", Response.noContent());

        CliRunner.Result result = cli.run("apps", "destroy", "--confirm", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().method()).isEqualTo("DELETE");
        assertThat(result.outLines()).containsExactly("Destroyed app weather",
                "This repo's git remote 'nextmcp' still points at it: git remote remove nextmcp");
    }

    @Test
    void destroyByAMemberShowsTheForbiddenReason() {
        api.on("DELETE", "/api/v1/apps/weather",
                Response.problem(403, "Forbidden", "destroying an app needs the admin or owner role in team acme"));

        CliRunner.Result result = cli.run("apps", "destroy", "-a", "weather", "--confirm", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: destroying an app needs the admin or owner role in team acme\n");
    }
}
