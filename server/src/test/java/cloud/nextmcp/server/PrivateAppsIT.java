package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.core.testing.Prerequisites;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private app on the real platform: an admin flips it to private, everyone without a token gets
 * a 401 naming the metadata, the MCP Java SDK calls it with an app-bound API token, and the MCP
 * TypeScript SDK's own OAuth client completes discovery, registration, PKCE and the token exchange.
 */
class PrivateAppsIT {
    private static final String APP = "weather";
    private static final String PASSWORD = "correct horse battery";
    /** The SDK version the node example locks, so npm serves it from its cache when it can. */
    private static final String TS_SDK = "@modelcontextprotocol/sdk@1.32.2";

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path anywhere;

    @BeforeAll
    static void deployAPrivateApp() throws Exception {
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, PASSWORD + "\n", "register", "--email", "bob@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        Path repo = git.repoFrom(Examples.path("node"), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(cli.ok(anywhere, "apps", "visibility", "private", "-a", APP)).contains("now private");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void withoutATokenTheAnswerIs401NamingTheMetadataAndAnAppBoundTokenLetsTheJavaSdkIn() throws Exception {
        String mcpUrl = platform.routerUrl() + "/apps/" + APP + "/mcp";
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mcpUrl))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer resource_metadata=\""
                + platform.routerUrl() + "/.well-known/oauth-protected-resource/apps/" + APP + "\", scope=\"mcp\"");
        assertThatThrownBy(() -> McpApp.connect(platform.routerUrl(), APP).close()).isInstanceOf(RuntimeException.class);

        String token = cli.ok(anywhere, "tokens", "create", "ci", "--app", APP, "--scope", "mcp").trim();
        assertThat(token).startsWith("nmcp_");
        try (McpApp mcp = McpApp.connect(platform.routerUrl(), APP, token)) {
            assertThat(mcp.toolNames()).contains("greet", "add");
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }
        String apiToken = cli.ok(anywhere, "tokens", "create", "laptop").trim();
        assertThatThrownBy(() -> McpApp.connect(platform.routerUrl(), APP, apiToken).close())
                .as("a token without scope mcp is refused at the edge").isInstanceOf(RuntimeException.class);
    }

    @Test
    void theTypeScriptSdkOAuthClientCompletesTheFlowListsToolsAndCallsOne() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "private-apps-node").toAbsolutePath());
        Prerequisites.require(run(dir, 30, "node", "--version") == 0, "node (Node.js 18 or later) on the PATH");
        if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Files.writeString(dir.resolve("package.json"), "{\"private\":true,\"type\":\"module\"}\n");
            Prerequisites.require(run(dir, 240, "npm", "install", "--no-audit", "--no-fund", "--prefer-offline", TS_SDK) == 0,
                    "npm and the npm registry (or its cache) to install " + TS_SDK);
        }
        try (InputStream script = PrivateAppsIT.class.getResourceAsStream("/private-apps/oauth-client.mjs")) {
            Files.write(dir.resolve("oauth-client.mjs"), script.readAllBytes());
        }
        String mcpUrl = platform.routerUrl() + "/apps/" + APP + "/mcp";
        Process node = new ProcessBuilder("node", "oauth-client.mjs", mcpUrl, "bob@example.com", PASSWORD).directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertThat(node.waitFor(90, TimeUnit.SECONDS)).as("the node client finished").isTrue();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(output + platformLog()).isZero();
        String[] lines = output.strip().split("\n");
        JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(result.path("resource").asText()).isEqualTo(platform.routerUrl() + "/apps/" + APP + "/");
        assertThat(result.path("codeChallengeMethod").asText()).isEqualTo("S256");
        assertThat(result.path("clientId").asText()).startsWith("nmc_");
        assertThat(result.path("tools").toString()).contains("\"greet\"");
        assertThat(result.path("greeting").asText()).isEqualTo("Hello, Ada!");
        assertThat(cli.ok(anywhere, "access", "clients")).contains(APP, "ts-sdk-test");
    }

    /** The exit code, or -1 when the command is missing or ran out of time. */
    private static int run(Path dir, int seconds, String... command) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("setup.log").toFile()).start();
        } catch (IOException e) {
            return -1;
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String platformLog() {
        return "\n--- platform log (tail) ---\n" + platform.logText();
    }
}
