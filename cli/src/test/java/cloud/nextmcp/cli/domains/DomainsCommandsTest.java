package cloud.nextmcp.cli.domains;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import org.junit.jupiter.api.Test;

class DomainsCommandsTest extends LoggedInCliTest {
    private static final String RECORDS = "\"dnsRecords\":[{\"type\":\"TXT\",\"name\":\"_nextmcp-challenge.mcp.example.com\","
            + "\"value\":\"nextmcp-verify=abc\",\"purpose\":\"proves you own the domain\"},{\"type\":\"CNAME\",\"name\":"
            + "\"mcp.example.com\",\"value\":\"edge.example.net\",\"purpose\":\"sends the domain's traffic to the platform\"}]";
    private static final String PENDING = "{\"hostname\":\"mcp.example.com\",\"app\":\"weather\",\"state\":\"pending_ownership\","
            + "\"reason\":\"TXT record not found at _nextmcp-challenge.mcp.example.com: create it with the value nextmcp-verify=abc\","
            + "\"redirectHttp\":true,\"certificateExpiresAt\":null," + RECORDS + "}";
    private static final String ACTIVE = "{\"hostname\":\"mcp.example.com\",\"app\":\"weather\",\"state\":\"active\",\"reason\":null,"
            + "\"redirectHttp\":false,\"certificateExpiresAt\":\"2027-02-27T05:40:00Z\"," + RECORDS + "}";

    @Test
    void addPrintsTheRecordsToCreate() {
        api.on("POST", "/api/v1/apps/weather/domains", Response.json(201, PENDING));

        CliRunner.Result result = cli.run("domains", "add", "mcp.example.com", "--redirect-http", "-a", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(api.onlyRequest().body()).contains("\"hostname\":\"mcp.example.com\"").contains("\"redirectHttp\":true");
        assertThat(result.outLines()).containsExactly(
                "Added mcp.example.com to weather (pending ownership).",
                "Create these DNS records at your DNS provider:",
                "TYPE   NAME                                VALUE               PURPOSE",
                "TXT    _nextmcp-challenge.mcp.example.com  nextmcp-verify=abc  proves you own the domain",
                "CNAME  mcp.example.com                     edge.example.net    sends the domain's traffic to the platform",
                "Then run: nextmcp domains verify mcp.example.com -a weather");
    }

    @Test
    void verifySaysWhatIsWrongAndListShowsStates() {
        api.on("POST", "/api/v1/apps/weather/domains/mcp.example.com/verify", Response.json(200, PENDING));
        api.on("GET", "/api/v1/apps/weather/domains", Response.json(200, "[" + ACTIVE + "]"));

        assertThat(cli.run("domains", "verify", "mcp.example.com", "-a", "weather").outLines()).startsWith(
                "mcp.example.com: pending ownership",
                "  TXT record not found at _nextmcp-challenge.mcp.example.com: create it with the value nextmcp-verify=abc");
        assertThat(cli.run("domains", "list", "-a", "weather").outLines()).containsExactly(
                "DOMAIN           STATE   CERTIFICATE EXPIRES   WHAT TO FIX",
                "mcp.example.com  active  2027-02-27 05:40 UTC");
    }

    @Test
    void removeAndAnEmptyList() {
        api.on("DELETE", "/api/v1/apps/weather/domains/mcp.example.com", Response.noContent());
        api.on("GET", "/api/v1/apps/weather/domains", Response.json(200, "[]"));

        assertThat(cli.run("domains", "remove", "mcp.example.com", "-a", "weather").outLines())
                .containsExactly("Removed mcp.example.com from weather");
        assertThat(cli.run("domains", "list", "-a", "weather").outLines())
                .containsExactly("No custom domains. Add one with: nextmcp domains add mcp.example.com -a weather");
    }

    @Test
    void anApiRefusalIsPrintedWithoutAStackTrace() {
        api.on("POST", "/api/v1/apps/weather/domains", Response.problem(422, "Unprocessable Entity",
                "'weather.localhost' is under the platform's apps domain localhost: those names belong to apps already"));

        CliRunner.Result result = cli.run("domains", "add", "weather.localhost", "-a", "weather");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("under the platform's apps domain").doesNotContain("Exception");
    }
}
