package cloud.nextmcp.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import cloud.nextmcp.cli.testing.FakeApi.Request;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import org.junit.jupiter.api.Test;

class TokensCommandsTest extends LoggedInCliTest {

    @Test
    void createPrintsOnlyTheTokenOnStdout() {
        api.on("POST", "/api/v1/tokens", Response.json(201, "{\"id\":3,\"name\":\"ci\",\"token\":\"nmcp_AbCdEfSecret\","
                + "\"prefix\":\"nmcp_AbCdEf\",\"createdAt\":\"2026-11-24T05:40:00Z\",\"expiresAt\":\"2026-12-24T05:40:00Z\"}"));

        CliRunner.Result result = cli.run("tokens", "create", "ci", "--expires-in-days", "30");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().body()).isEqualTo("{\"name\":\"ci\",\"expiresInDays\":30}");
        assertThat(result.out()).isEqualTo("nmcp_AbCdEfSecret\n");
        assertThat(result.err()).isEqualTo(
                "Created token ci (expires 2026-12-24 05:40 UTC). Copy it now: it is not shown again.\n");
    }

    @Test
    void listNeverExpiringTokens() {
        api.on("GET", "/api/v1/tokens", Response.json(200, "[{\"id\":3,\"name\":\"ci\",\"prefix\":\"nmcp_AbCdEf\","
                + "\"createdAt\":\"2026-11-24T05:40:00Z\",\"lastUsedAt\":null,\"expiresAt\":null}]"));

        CliRunner.Result result = cli.run("tokens", "list");

        assertThat(result.outLines()).containsExactly(
                "ID  NAME  PREFIX       CREATED               LAST USED  EXPIRES  FOR",
                "3   ci    nmcp_AbCdEf  2026-11-24 05:40 UTC             never    api");
    }

    @Test
    void createAnAppBoundTokenForMcpCalls() {
        api.on("POST", "/api/v1/tokens", Response.json(201, "{\"id\":4,\"name\":\"ci\",\"token\":\"nmcp_Secret\",\"prefix\":\"nmcp_Se\","
                + "\"createdAt\":\"2026-11-24T05:40:00Z\",\"expiresAt\":null,\"app\":\"weather\",\"scopes\":[\"mcp\"]}"));

        CliRunner.Result result = cli.run("tokens", "create", "ci", "--app", "weather", "--scope", "mcp");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().body()).isEqualTo("{\"name\":\"ci\",\"app\":\"weather\",\"scopes\":[\"mcp\"]}");
        assertThat(result.out()).isEqualTo("nmcp_Secret\n");
    }

    @Test
    void revokeByNameLooksUpTheId() {
        api.on("GET", "/api/v1/tokens", Response.json(200, "[{\"id\":3,\"name\":\"ci\"},{\"id\":4,\"name\":\"laptop\"}]"));
        api.on("DELETE", "/api/v1/tokens/4", Response.noContent());

        CliRunner.Result result = cli.run("tokens", "revoke", "laptop");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests()).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/tokens"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v1/tokens/4"));
        assertThat(result.outLines()).containsExactly("Revoked token laptop");
    }

    @Test
    void revokeById() {
        api.on("DELETE", "/api/v1/tokens/3", Response.noContent());

        assertThat(cli.run("tokens", "revoke", "3").exitCode()).isZero();
        assertThat(api.onlyRequest().path()).isEqualTo("/api/v1/tokens/3");
    }
}
