package cloud.nextmcp.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import org.junit.jupiter.api.Test;

class AccessCommandsTest extends LoggedInCliTest {
    private static final String ACCESS = "{\"app\":\"weather\",\"visibility\":\"private\",\"grants\":[{\"email\":\"bob@example.com\","
            + "\"grantedBy\":\"ada@example.com\",\"createdAt\":\"2026-11-24T05:40:00Z\"}]}";

    @Test
    void visibilityIsSetAndShown() {
        api.on("PUT", "/api/v1/apps/weather/access/visibility", Response.json(200, ACCESS));

        CliRunner.Result result = cli.run("apps", "visibility", "private", "-a", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().body()).isEqualTo("{\"visibility\":\"private\"}");
        assertThat(result.outLines()).containsExactly("App weather is now private");
    }

    @Test
    void grantRevokeAndList() {
        api.on("POST", "/api/v1/apps/weather/access/grants", Response.json(201, ACCESS));
        api.on("DELETE", "/api/v1/apps/weather/access/grants/bob%40example.com", Response.json(200, ACCESS));
        api.on("GET", "/api/v1/apps/weather/access", Response.json(200, ACCESS));

        assertThat(cli.run("access", "grant", "bob@example.com", "-a", "weather").outLines())
                .containsExactly("Granted bob@example.com access to weather");
        assertThat(cli.run("access", "revoke", "bob@example.com", "-a", "weather").outLines())
                .containsExactly("Revoked bob@example.com's access to weather");
        assertThat(cli.run("access", "list", "-a", "weather").outLines()).containsExactly(
                "App weather is private; members of its team may call it.",
                "EMAIL            GRANTED BY       GRANTED",
                "bob@example.com  ada@example.com  2026-11-24 05:40 UTC");
    }

    @Test
    void tokenGrantsByNameAreGrantedListedAndRevoked() {
        String access = "{\"app\":\"weather\",\"visibility\":\"private\",\"grants\":[],\"tokenGrants\":[{\"tokenId\":7,"
                + "\"tokenName\":\"ci\",\"owner\":\"ada@example.com\",\"grantedBy\":\"ada@example.com\",\"createdAt\":\"2026-11-24T05:40:00Z\"}]}";
        api.on("POST", "/api/v1/apps/weather/access/grants", Response.json(201, access));
        api.on("GET", "/api/v1/apps/weather/access", Response.json(200, access));
        api.on("DELETE", "/api/v1/apps/weather/access/token-grants/7", Response.json(200, access));

        assertThat(cli.run("access", "grant", "ci", "-a", "weather").outLines()).containsExactly("Granted token ci access to weather");
        assertThat(api.requests().get(0).body()).isEqualTo("{\"token\":\"ci\"}");
        assertThat(cli.run("access", "list", "-a", "weather").outLines()).containsExactly(
                "App weather is private; members of its team may call it.",
                "TOKEN  OWNER            GRANTED BY       GRANTED",
                "ci     ada@example.com  ada@example.com  2026-11-24 05:40 UTC");
        assertThat(cli.run("access", "revoke", "ci", "-a", "weather").outLines()).containsExactly("Revoked token ci's access to weather");
        assertThat(api.requests().get(api.requests().size() - 1).method()).isEqualTo("DELETE");
        CliRunner.Result unknown = cli.run("access", "revoke", "deploy", "-a", "weather");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no token named 'deploy' has a grant on weather");
    }

    @Test
    void oauthClientsAreListedAndRevoked() {
        api.on("GET", "/api/v1/oauth/consents", Response.json(200, "[{\"app\":\"weather\",\"clientId\":\"nmc_abc\","
                + "\"clientName\":\"Claude\",\"createdAt\":\"2026-11-24T05:40:00Z\"}]"));
        api.on("DELETE", "/api/v1/oauth/consents", Response.noContent());

        assertThat(cli.run("access", "clients").outLines()).containsExactly(
                "APP      CLIENT  CLIENT ID  ALLOWED",
                "weather  Claude  nmc_abc    2026-11-24 05:40 UTC");
        assertThat(cli.run("access", "revoke-client", "nmc_abc", "-a", "weather").outLines())
                .containsExactly("Client nmc_abc may no longer call weather for you");
        assertThat(api.requests().get(api.requests().size() - 1).query()).isEqualTo("app=weather&client=nmc_abc");
    }
}
