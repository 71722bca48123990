package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP servers as they are written. A stdio-only MCP server, {@code @modelcontextprotocol/server-everything} from npm
 * ({@code examples/stdio}: a lockfile and one line of {@code nextmcp.toml}), pushed unchanged and
 * used through the router by the MCP TypeScript SDK client: the platform's stdio bridge serves it.
 * A NextMCP app (with stand-ins for nextmcp and fastmcp: no package index here) pushed unchanged
 * and used by the MCP Java SDK client: the platform's launcher serves it over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StdioAppIT {
    private static final String APP = "everything";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path repo;
    private static TypeScriptClient client;
    private static GitUser git;

    @BeforeAll
    static void pushTheStdioServer() throws Exception {
        client = TypeScriptClient.install();
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        cli.runWithStdin(tmp, "correct horse battery\n", "register", "--email", "ada@example.com", "--password-stdin");
        git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(tmp, "keys", "add", git.publicKey().toString());
        repo = git.repoFrom(Examples.path("stdio"), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).as(push.output())
                .contains("remote: -----> stdio MCP server (nextmcp.toml command): npx -y @modelcontextprotocol/server-everything stdio")
                .contains("remote: -----> Released v1 — ");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void toolsProgressResourcesPromptsSamplingAndTwoIsolatedSessionsWorkThroughTheRouter() throws Exception {
        JsonNode r;
        try (TypeScriptClient.Run run = client.start(url(), "features")) {
            r = JSON.readTree(run.next());
            assertThat(run.waitExit()).isZero();
        }
        assertThat(r.path("tools").toString()).contains("\"echo\"", "\"trigger-long-running-operation\"");
        assertThat(r.path("echo").asText()).isEqualTo("Echo: hi");
        assertThat(r.path("progress").toString()).isEqualTo("[1,2]");
        assertThat(r.path("long").asText()).startsWith("Long running operation completed.");
        assertThat(r.path("resources").asInt()).isPositive();
        assertThat(r.path("readContents").asInt()).isPositive();
        assertThat(r.path("prompts").toString()).contains("\"simple-prompt\"");
        assertThat(r.path("promptMessages").asInt()).isPositive();
        assertThat(r.path("sessionA").asText()).isNotBlank().isNotEqualTo(r.path("sessionB").asText());
        // The server keeps one logging toggle per process: had B shared A's process, B would have switched it off.
        assertThat(r.path("toggleA").asText()).startsWith("Started simulated");
        assertThat(r.path("toggleB").asText()).startsWith("Started simulated");
        assertThat(r.path("logsA").asInt()).as("logging notifications reach the client over SSE").isPositive();
        assertThat(r.path("sampling").asText()).as("a server-to-client request is answered during a tool call")
                .contains("sampled by client b");
        assertThat(cli.ok(repo, "logs", "-n", "500")).as("the server's stderr is in the app's log")
                .contains("Starting default (STDIO) server");
    }

    @Test
    @Order(2)
    void aCrashOfTheStdioServerIsAnMcpErrorAndTheNextSessionWorks() throws Exception {
        try (TypeScriptClient.Run run = client.start(url(), "crash")) {
            assertThat(run.next()).isEqualTo("{\"running\":true}");
            List<ProcessHandle> servers = Polling.await("the session's stdio server process", Duration.ofSeconds(10),
                    () -> Optional.of(stdioServers()).filter(l -> l.size() == 1), StdioAppIT::diagnostics);
            servers.get(0).destroyForcibly();

            assertThat(JSON.readTree(run.next()).path("crashError").asText())
                    .isEqualTo("MCP error -32603: the MCP server process exited with code 137; start a new session");
            assertThat(JSON.readTree(run.next()).path("afterCrash").asText()).isEqualTo("Echo: again");
            assertThat(run.waitExit()).isZero();
        }
    }

    @Test
    @Order(3)
    void aNextMcpAppIsPushedUnchangedAndServesHttpOnItsPort() throws Exception {
        Path nextmcp = git.repoFrom(Path.of(StdioAppIT.class.getResource("/apps/nextmcp-standin").toURI()), tmp.resolve("greeter"));
        cli.ok(nextmcp, "apps", "create", "greeter");
        GitUser.Result push = git.git(nextmcp, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).as(push.output())
                .contains("remote: -----> NextMCP app 'greeter': Greets people, written with NextMCP; "
                        + "started by the platform's launcher over Streamable HTTP on $PORT")
                .contains("remote: -----> nextmcp.config.yaml: server.transport, server.host, server.port are development "
                        + "settings; instances serve Streamable HTTP on 127.0.0.1:$PORT instead")
                .contains("remote: -----> Released v1 — ");

        try (McpApp mcp = McpApp.connect(platform.routerUrl(), "greeter")) {
            assertThat(mcp.toolNames()).containsExactlyInAnyOrder("greet", "add");
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }
        assertThat(cli.ok(nextmcp, "logs", "-n", "500")).contains(
                "nextmcp launcher: the app asked for transport=None host=127.0.0.1 port=8000; serving Streamable HTTP on $PORT instead");
    }

    /**
     * The conformance scenarios server-everything passes when it serves Streamable HTTP itself (its
     * {@code streamableHttp} mode) pass behind the bridge and the router too; docs/buildpacks.md
     * records the whole comparison. The other scenarios call tools, prompts and resources that only
     * the suite's own reference server has.
     */
    @Test
    @Order(4)
    void theConformanceScenariosTheServerPassesOverHttpPassBehindTheBridge() throws Exception {
        ConformanceSuite suite = ConformanceSuite.install();
        for (String scenario : List.of("server-initialize", "ping", "logging-set-level", "tools-list",
                "tools-call-simple-text", "tools-call-error", "server-sse-multiple-streams", "resources-list",
                "resources-subscribe", "resources-unsubscribe", "prompts-list")) {
            ConformanceSuite.Outcome result = suite.run(url(), scenario);
            assertThat(result.exitCode()).as(scenario + ":\n" + result.output()).isZero();
        }
    }

    private static List<ProcessHandle> stdioServers() {
        return platform.processesRunning("node").stream()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(".bin/mcp-server-everything"))
                        .orElse(false))
                .toList();
    }

    private static String url() {
        return platform.routerUrl() + "/apps/" + APP + "/mcp";
    }

    private static String diagnostics() {
        return "\n--- platform log ---\n" + platform.logText();
    }
}
