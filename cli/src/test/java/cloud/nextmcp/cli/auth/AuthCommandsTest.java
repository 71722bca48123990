package cloud.nextmcp.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.Terminal;
import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.FakeApiCliTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthCommandsTest extends FakeApiCliTest {

    static final String SESSION = """
            {"user":{"id":1,"email":"alice@example.com","name":"Alice","createdAt":"2026-11-24T05:00:00Z"},
             "accessToken":"jwt-1","accessTokenExpiresAt":"2026-11-25T05:40:00Z",
             "refreshToken":"nmcr_r1","refreshTokenExpiresAt":"2026-12-24T05:40:00Z"}""";

    @Test
    void registerSendsTheAccountAndStoresTheSessionPrivately() throws Exception {
        api.on("POST", "/api/v1/auth/register", Response.json(201, SESSION));

        CliRunner.Result result = cli.stdin("correct horse battery\n")
                .run("register", "--email", "alice@example.com", "--name", "Alice", "--password-stdin");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        Request request = api.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.authorization()).isNull();
        assertThat(request.json()).isEqualTo(new ObjectMapper().readTree(
                "{\"email\":\"alice@example.com\",\"password\":\"correct horse battery\",\"name\":\"Alice\"}"));
        // Exact, trailing newline included: the next prompt must start on a line of its own.
        assertThat(result.out()).isEqualTo(
                "Registered and logged in to " + api.url() + " as alice@example.com\n"
                + "Next: nextmcp keys add, then nextmcp apps create inside your project's git repo\n");

        Path file = cli.credentialsFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        JsonNode stored = new ObjectMapper().readTree(file.toFile());
        assertThat(stored.path("apiUrl").asText()).isEqualTo(api.url());
        assertThat(stored.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(stored.path("accessToken").asText()).isEqualTo("jwt-1");
        assertThat(stored.path("accessTokenExpiresAt").asText()).isEqualTo("2026-11-25T05:40:00Z");
        assertThat(stored.path("refreshToken").asText()).isEqualTo("nmcr_r1");
    }

    @Test
    void registerAsksForEmailAndPasswordTwiceOnATerminal() {
        api.on("POST", "/api/v1/auth/register", Response.json(201, SESSION));
        ScriptedTerminal terminal = new ScriptedTerminal("alice@example.com", "long enough pw", "long enough pw");

        CliRunner.Result result = cli.terminal(terminal).run("register");

        assertThat(result.exitCode()).isZero();
        assertThat(terminal.prompts).containsExactly("Email: ", "Password: ", "Password (again): ");
        assertThat(api.onlyRequest().json().path("password").asText()).isEqualTo("long enough pw");
        assertThat(api.onlyRequest().json().has("name")).isFalse();
    }

    @Test
    void registerRefusesTwoDifferentPasswordsWithoutCallingTheApi() {
        CliRunner.Result result = cli.terminal(new ScriptedTerminal("a@b.co", "first password", "second password"))
                .run("register");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the two passwords differ\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void withoutATerminalTheUserIsToldWhichOptionToUse() {
        CliRunner.Result result = cli.run("login", "--email", "alice@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: no terminal to ask on: use --password-stdin\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void wrongPasswordPrintsTheApiMessageAndStoresNothing() {
        api.on("POST", "/api/v1/auth/login",
                Response.problem(401, "Unauthorized", "invalid email or password"));

        CliRunner.Result result = cli.stdin("wrong-password\n")
                .run("login", "--email", "alice@example.com", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: invalid email or password\n");
        assertThat(api.onlyRequest().json().path("email").asText()).isEqualTo("alice@example.com");
        assertThat(cli.credentialsFile()).doesNotExist();
    }

    @Test
    void loginWithEmailAndPassword() {
        api.on("POST", "/api/v1/auth/login", Response.json(200, SESSION));

        CliRunner.Result result = cli.stdin("correct horse battery\n")
                .run("login", "--email", "alice@example.com", "--password-stdin");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Logged in to " + api.url() + " as alice@example.com");
        assertThat(api.onlyRequest().json().path("password").asText()).isEqualTo("correct horse battery");
        assertThat(cli.credentialsFile()).exists();
    }

    @Test
    void loginWithAnApiTokenChecksItAndUsesItFromThenOn() {
        api.on("GET", "/api/v1/users/me", Response.json(200,
                "{\"id\":1,\"email\":\"alice@example.com\",\"name\":null,\"createdAt\":\"2026-11-24T05:00:00Z\","
                        + "\"teams\":[]}"));

        CliRunner.Result login = cli.run("login", "--token", "nmcp_AbCdEf123");
        CliRunner.Result whoami = cli.run("whoami");

        assertThat(login.exitCode()).isZero();
        assertThat(login.outLines()).containsExactly("Logged in to " + api.url() + " as alice@example.com (API token)");
        assertThat(whoami.outLines()).containsExactly("alice@example.com");
        assertThat(api.requests()).extracting(Request::authorization)
                .containsExactly("Bearer nmcp_AbCdEf123", "Bearer nmcp_AbCdEf123");
    }

    @Test
    void loginRejectsATokenCombinedWithAnEmail() {
        CliRunner.Result result = cli.run("login", "--token", "nmcp_x", "--email", "a@b.co");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(
                "error: --token cannot be combined with --email or --password-stdin (see 'nextmcp login --help')\n");
    }

    @Test
    void logoutRevokesTheSessionAndForgetsIt() {
        api.on("POST", "/api/v1/auth/logout", Response.noContent());
        cli.loggedIn(api.url());

        CliRunner.Result result = cli.run("logout");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Logged out of " + api.url());
        Request request = api.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v1/auth/logout");
        assertThat(request.json().path("refreshToken").asText()).isEqualTo("nmcr_refresh-1");
        assertThat(cli.credentialsFile()).doesNotExist();
    }

    @Test
    void logoutForgetsLocallyEvenWhenTheServerIsGone() {
        cli.loggedIn(api.url());
        api.close();

        CliRunner.Result result = cli.run("logout");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).startsWith("warning: the server did not end the session: cannot reach");
        assertThat(cli.credentialsFile()).doesNotExist();
    }

    @Test
    void whoamiJsonPrintsTheApiAnswerPretty() {
        api.on("GET", "/api/v1/users/me", Response.json(200,
                "{\"id\":1,\"email\":\"alice@example.com\",\"name\":\"Alice\",\"teams\":"
                        + "[{\"name\":\"alice\",\"role\":\"owner\",\"personal\":true}]}"));
        cli.loggedIn(api.url());

        CliRunner.Result result = cli.run("whoami", "--json");

        assertThat(result.out()).isEqualTo("""
                {
                  "id": 1,
                  "email": "alice@example.com",
                  "name": "Alice",
                  "teams": [
                    {
                      "name": "alice",
                      "role": "owner",
                      "personal": true
                    }
                  ]
                }
                """);
        assertThat(api.onlyRequest().authorization()).isEqualTo("Bearer access-1");
    }

    @Test
    void commandsNeedALogin() {
        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: not logged in: run nextmcp login (or nextmcp register)\n");
        assertThat(api.requests()).isEmpty();
    }

    /** Answers prompts from a script and remembers them. */
    static final class ScriptedTerminal implements Terminal {
        final Deque<String> answers;
        final List<String> prompts = new ArrayList<>();

        ScriptedTerminal(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public String readLine(String prompt) {
            prompts.add(prompt);
            return answers.poll();
        }

        @Override
        public char[] readPassword(String prompt) {
            prompts.add(prompt);
            String answer = answers.poll();
            return answer == null ? null : answer.toCharArray();
        }
    }
}
