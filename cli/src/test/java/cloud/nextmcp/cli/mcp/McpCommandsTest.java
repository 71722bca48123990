package cloud.nextmcp.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.FakeApiCliTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code nextmcp mcp} against a real MCP server, found through the API's {@code /api/v1/info}. */
class McpCommandsTest extends FakeApiCliTest {

    private static McpServerOnJetty server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new McpServerOnJetty("weather", "sleepy");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void routerAtTheTestServer() {
        routerAt("http://localhost:" + server.port());
    }

    private void routerAt(String routerUrl) {
        api.on("GET", "/api/v1/info", Response.json(200, "{\"version\":\"0.1.0\",\"appsDomain\":\"apps.test\","
                + "\"routerUrl\":\"" + routerUrl + "\",\"gitSsh\":\"ssh://git@localhost:2222\"}"));
    }

    @Test
    void urlIsThePathFormOnTheRouterWithLocalhostSpelledAsLoopback() {
        CliRunner.Result result = cli.run("mcp", "url", "-a", "weather");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("http://127.0.0.1:" + server.port() + "/apps/weather/mcp\n");
        assertThat(api.onlyRequest().authorization()).isNull();
    }

    @Test
    void urlHostFormAndPathOption() {
        assertThat(cli.run("mcp", "url", "-a", "weather", "--host-form").out())
                .isEqualTo("http://weather.apps.test:" + server.port() + "/mcp\n");
        assertThat(cli.run("mcp", "url", "-a", "weather", "--path", "/sse").out())
                .isEqualTo("http://127.0.0.1:" + server.port() + "/apps/weather/sse\n");

        routerAt("https://router.example.com");
        assertThat(cli.run("mcp", "url", "-a", "weather").out())
                .isEqualTo("https://router.example.com/apps/weather/mcp\n");
        assertThat(cli.run("mcp", "url", "-a", "weather", "--host-form").out())
                .isEqualTo("https://weather.apps.test/mcp\n");
    }

    @Test
    void toolsListsNamesAndFirstDescriptionLines() {
        CliRunner.Result result = cli.run("mcp", "tools", "-a", "weather");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME      DESCRIPTION
                forecast  The weather forecast for a city.
                count     Counts to `to`, reporting progress at each step.
                """);
    }

    @Test
    void toolsJsonPrintsTheToolsAsTheServerSentThem() throws Exception {
        CliRunner.Result result = cli.run("mcp", "tools", "-a", "weather", "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode tools = new ObjectMapper().readTree(result.out());
        assertThat(tools.isArray()).isTrue();
        assertThat(tools.findValuesAsText("name")).containsExactlyInAnyOrder("count", "forecast");
        JsonNode forecast = tools.get(0).path("name").asText().equals("forecast") ? tools.get(0) : tools.get(1);
        assertThat(forecast.path("inputSchema").path("required").get(0).asText()).isEqualTo("city");
        assertThat(forecast.path("inputSchema").path("properties").path("days").path("type").toString())
                .isEqualTo("[\"integer\",\"string\"]");
    }

    @Test
    void callPrintsEachTextBlockOnItsOwnLineWithValuesParsedAsJsonWhenTheyAre() {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "city=Paris", "days=3", "metric=true",
                "-a", "weather");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                Forecast for Paris: sunny
                days=3 (Integer) metric=true (Boolean)
                """);
    }

    @Test
    void callTakesArgsJsonAndKeyValuesOnTop() {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "-a", "weather",
                "--args", "{\"city\": \"Oslo\", \"days\": 1}", "days=\"7\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("Forecast for Oslo: sunny", "days=7 (String) metric=none");
    }

    @Test
    void callPrintsProgressOnStderrWhileTheToolRuns() {
        CliRunner.Result result = cli.run("mcp", "call", "count", "to=3", "-a", "weather");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("counted to 3\n");
        assertThat(result.err()).isEqualTo("""
                progress: 1/3 step 1
                progress: 2/3 step 2
                progress: 3/3 step 3
                """);
    }

    @Test
    void callJsonPrintsTheWholeResult() throws Exception {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "city=Rome", "-a", "weather", "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.path("isError").asBoolean(true)).isFalse();
        assertThat(json.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(json.path("content").get(0).path("text").asText()).isEqualTo("Forecast for Rome: sunny");
    }

    @Test
    void aToolResultWithIsErrorExitsOneWithItsMessage() {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "city=Atlantis", "-a", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: no forecast for Atlantis\n");
    }

    @Test
    void aToolResultWithIsErrorStillPrintsTheResultWithJson() throws Exception {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "city=Atlantis", "-a", "weather", "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(result.out()).path("isError").asBoolean()).isTrue();
        assertThat(result.err()).isEqualTo("error: no forecast for Atlantis\n");
    }

    @Test
    void anErrorAnswerFromTheServerExitsOneWithItsMessage() {
        CliRunner.Result result = cli.run("mcp", "call", "no-such-tool", "-a", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        // The SDK's server words it so; the CLI passes the JSON-RPC error's message on.
        assertThat(result.err()).isEqualTo("error: Unknown tool: invalid_tool_name\n");
    }

    @Test
    void anAppWithNoRunningInstanceSaysToPush() {
        CliRunner.Result result = cli.run("mcp", "tools", "-a", "sleepy");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("error: sleepy has no running instance yet (push to deploy: git push nextmcp main)\n");
    }

    @Test
    void anUnknownAppIsNamedWithItsUrl() {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "city=Paris", "-a", "nowhere");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: no app 'nowhere' at http://127.0.0.1:" + server.port()
                + "/apps/nowhere/mcp\n");
    }

    @Test
    void aRouterThatIsNotListeningCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        routerAt("http://127.0.0.1:" + closedPort);

        CliRunner.Result result = cli.run("mcp", "tools", "-a", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot reach http://127.0.0.1:" + closedPort + "/apps/weather/mcp: ");
        assertThat(result.errLines()).hasSize(1);
    }

    @Test
    void argumentsThatAreNotKeyValueAreRefusedBeforeConnecting() {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "Paris", "-a", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: 'Paris' is not key=value: give each argument as key=value\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void argsThatAreNotAJsonObjectAreRefusedBeforeConnecting() {
        CliRunner.Result result = cli.run("mcp", "call", "forecast", "--args", "[1]", "-a", "weather");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: --args must be a JSON object, like '{\"city\": \"Paris\"}'\n");
        assertThat(api.requests()).isEmpty();
    }
}
