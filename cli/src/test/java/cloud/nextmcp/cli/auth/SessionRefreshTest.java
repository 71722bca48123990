package cloud.nextmcp.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.FakeApiCliTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class SessionRefreshTest extends FakeApiCliTest {

    static final String RENEWED = """
            {"user":{"id":1,"email":"alice@example.com","name":"Alice","createdAt":"2026-11-24T05:00:00Z"},
             "accessToken":"access-2","accessTokenExpiresAt":"2026-11-25T05:40:00Z",
             "refreshToken":"nmcr_refresh-2","refreshTokenExpiresAt":"2026-12-24T05:40:00Z"}""";
    static final String ME = "{\"id\":1,\"email\":\"alice@example.com\",\"name\":\"Alice\",\"teams\":[]}";

    @Test
    void anExpiredAccessTokenIsRenewedBeforeTheCall() throws Exception {
        cli.loggedIn(api.url(), "access-1", CliRunner.NOW.minusSeconds(60), "nmcr_refresh-1");
        api.on("POST", "/api/v1/auth/refresh", Response.json(200, RENEWED));
        api.on("GET", "/api/v1/users/me", Response.json(200, ME));

        CliRunner.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("alice@example.com");
        assertThat(api.requests()).extracting(Request::method, Request::path, Request::authorization).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/auth/refresh", null),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/users/me", "Bearer access-2"));
        assertThat(api.requests().get(0).json().path("refreshToken").asText()).isEqualTo("nmcr_refresh-1");
        assertStoredTokens("access-2", "nmcr_refresh-2");
    }

    @Test
    void aRejectedTokenIsRenewedAndTheCallRetriedOnce() throws Exception {
        cli.loggedIn(api.url());
        api.on("GET", "/api/v1/users/me",
                Response.problem(401, "Unauthorized", "token expired").withHeader("WWW-Authenticate", "Bearer"),
                Response.json(200, ME));
        api.on("POST", "/api/v1/auth/refresh", Response.json(200, RENEWED));

        CliRunner.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("alice@example.com");
        assertThat(api.requests()).extracting(Request::path, Request::authorization).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/api/v1/users/me", "Bearer access-1"),
                org.assertj.core.groups.Tuple.tuple("/api/v1/auth/refresh", null),
                org.assertj.core.groups.Tuple.tuple("/api/v1/users/me", "Bearer access-2"));
        assertStoredTokens("access-2", "nmcr_refresh-2");
    }

    @Test
    void aRefusedRefreshTellsTheUserToLogInAgain() {
        cli.loggedIn(api.url());
        api.on("GET", "/api/v1/users/me", Response.problem(401, "Unauthorized", "token expired"));
        api.on("POST", "/api/v1/auth/refresh", Response.problem(401, "Unauthorized", "refresh token revoked"));

        CliRunner.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: session expired: run nextmcp login\n");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void nextmcpTokenOverridesStoredCredentialsAndIsNeverRefreshed() {
        cli.loggedIn(api.url()).variable("NEXTMCP_TOKEN", "nmcp_ci-token");
        api.on("GET", "/api/v1/users/me", Response.problem(401, "Unauthorized", "this API token was revoked"));

        CliRunner.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: this API token was revoked\n");
        assertThat(api.onlyRequest().authorization()).isEqualTo("Bearer nmcp_ci-token");
    }

    @Test
    void storedCredentialsAreNotSentToAnotherApi() {
        cli.loggedIn("http://platform.example.com:8000");

        CliRunner.Result result = cli.run("apps", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: not logged in to " + api.url()
                + " (you are logged in to http://platform.example.com:8000): run nextmcp login --api " + api.url()
                + "\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void theApiUrlSavedAtLoginIsUsedWhenNoneIsGiven() {
        CliRunner plain = new CliRunner(root.resolve("other"));
        plain.loggedIn(api.url());
        api.on("GET", "/api/v1/users/me", Response.json(200, ME));

        CliRunner.Result result = plain.run("whoami");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().authorization()).isEqualTo("Bearer access-1");
    }

    private void assertStoredTokens(String accessToken, String refreshToken) throws Exception {
        JsonNode stored = new ObjectMapper().readTree(cli.credentialsFile().toFile());
        assertThat(stored.path("accessToken").asText()).isEqualTo(accessToken);
        assertThat(stored.path("refreshToken").asText()).isEqualTo(refreshToken);
        assertThat(stored.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.credentialsFile())))
                .isEqualTo("rw-------");
        // The test wrote the directory with the default umask; saving tightens it.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.credentialsFile().getParent())))
                .isEqualTo("rwx------");
    }
}
