package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stateful MCP server written exactly as the TypeScript SDK documents it ({@code createMcpExpressApp()}
 * with its defaults, resumable streams), pushed unchanged. Before, its DNS-rebinding guard answered
 * 403 "Invalid Host" at the app's own URL, and the CLI's MCP client failed on the {@code retry:} line
 * that starts its SSE streams.
 */
class SdkServerDefaultsIT {
    private static final String APP = "express";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path repo;
    private static TypeScriptClient client;

    @BeforeAll
    static void pushTheSdkServer() throws Exception {
        client = TypeScriptClient.install();
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        cli.runWithStdin(tmp, "correct horse battery\n", "register", "--email", "ada@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(tmp, "keys", "add", git.publicKey().toString());
        repo = git.repoFrom(Path.of(SdkServerDefaultsIT.class.getResource("/apps/sdk-express").toURI()), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + "\n--- platform log ---\n" + platform.logText()).isZero();
        assertThat(push.output()).as(push.output()).contains("remote: -----> Released v1 — ");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theAppsOwnHostNameIsAcceptedByTheSdksDnsRebindingGuard() throws Exception {
        int port = URI.create(platform.routerUrl()).getPort();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        String response = exchange(port, "POST /mcp HTTP/1.1\r\nHost: " + APP + ".localhost:" + port + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(response).as(response).startsWith("HTTP/1.1 200").containsIgnoringCase("mcp-session-id:")
                .contains("\"serverInfo\"", "\"name\":\"sdk-express\"").doesNotContain("Invalid Host");
        assertThat(response).as("the stream starts with the SDK's priming event, whose retry: line the CLI must accept")
                .contains("retry: 5000");
    }

    @Test
    void theTypeScriptSdkClientHoldsASessionWithIt() throws Exception {
        try (TypeScriptClient.Run run = client.start(platform.routerUrl() + "/apps/" + APP + "/mcp", "greet")) {
            JsonNode r = JSON.readTree(run.next());
            assertThat(run.waitExit()).isZero();
            assertThat(r.path("tools").toString()).isEqualTo("[\"greet\"]");
            assertThat(r.path("greet").asText()).isEqualTo("Hello, Ada!");
            assertThat(r.path("session").asText()).as("a stateful session").isNotBlank();
        }
    }

    @Test
    void afterTheAppSleptTheClientsOldSessionGets404AndANewInitializeCarriesOn() throws Exception {
        try (TypeScriptClient.Run run = client.start(platform.routerUrl() + "/apps/" + APP + "/mcp", "resume-after-sleep")) {
            JsonNode first = JSON.readTree(run.next());
            assertThat(first.path("greet").asText()).isEqualTo("Hello, Ada!");
            String session = first.path("session").asText();
            assertThat(session).isNotBlank();
            assertThat(cli.ok(repo, "autoscale", "--min", "0", "--max", "1", "--idle", "2s")).contains("asleep after 2s idle");
            try {
                Polling.await("the app to fall asleep", Duration.ofSeconds(45),
                        () -> cli.ok(repo, "ps").contains("now asleep") && platform.processesRunning("node").isEmpty()
                                ? Optional.of(true) : Optional.empty(),
                        () -> cli.ok(repo, "ps") + "\n--- platform log ---\n" + platform.logText());
                run.process().getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                run.process().getOutputStream().flush();
                JsonNode second = JSON.readTree(run.next());
                assertThat(run.waitExit()).isZero();
                assertThat(second.path("status").asInt()).as(second.toString())
                        .as("the woken instance does not know the old session: the spec's 404").isEqualTo(404);
                assertThat(second.path("greet").asText()).as("a new session on the woken app").isEqualTo("Hello, Ada!");
                assertThat(second.path("session").asText()).isNotBlank().isNotEqualTo(session);
            } finally {
                cli.ok(repo, "autoscale", "off");
            }
        }
    }

    @Test
    void theCliListsAndCallsItsToolsThoughItsStreamsCarryRetryLines() {
        assertThat(cli.ok(repo, "mcp", "tools")).contains("greet", "Greets someone by name");
        assertThat(cli.ok(repo, "mcp", "call", "greet", "name=Ada")).contains("Hello, Ada!");
    }

    private static String exchange(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                all.write(buf, 0, n);
                // The response is a stream: stop once the initialize result has arrived.
                if (all.toString(StandardCharsets.UTF_8).contains("\"serverInfo\"")) {
                    break;
                }
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
