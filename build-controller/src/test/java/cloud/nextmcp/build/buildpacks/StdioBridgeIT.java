package cloud.nextmcp.build.buildpacks;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.Prerequisites;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio bridge on its own, in front of a tiny stdio server that answers every request with its
 * pid: the per-instance session limit, DELETE and the idle timeout ending the server process.
 */
class StdioBridgeIT {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    private static final Pattern PID = Pattern.compile("\"pid\": ?(\\d+)");
    private static final String SERVER = """
            import json, os, sys
            for line in sys.stdin:
                m = json.loads(line)
                if "id" in m and "method" in m:
                    print(json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": {"pid": os.getpid()}}), flush=True)
            """;
    @TempDir
    Path app;
    private Process bridge;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.destroy();
        }
    }

    @Test
    void theSessionLimitIsEnforcedAndDeleteEndsTheSessionsServerProcess() throws Exception {
        start(Map.of("NEXTMCP_STDIO_MAX_SESSIONS", "2"));
        HttpResponse<String> first = post(null, INITIALIZE);
        HttpResponse<String> second = post(null, INITIALIZE);
        assertThat(pid(first)).isNotEqualTo(pid(second));

        HttpResponse<String> third = post(null, INITIALIZE);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.body()).contains("this instance already serves 2 MCP sessions (its limit); try again later");

        String session = first.headers().firstValue("mcp-session-id").orElseThrow();
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(mcp()).DELETE().header("Mcp-Session-Id", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(200);
        awaitGone(pid(first));
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").statusCode()).isEqualTo(404);
        assertThat(post(null, INITIALIZE).statusCode()).as("a freed place is used again").isEqualTo(200);
    }

    @Test
    void anIdleSessionIsEndedAndARequestWithoutASessionIsRefused() throws Exception {
        start(Map.of("NEXTMCP_STDIO_IDLE_SECONDS", "1"));
        HttpResponse<String> init = post(null, INITIALIZE);
        awaitGone(pid(init));
        String session = init.headers().firstValue("mcp-session-id").orElseThrow();
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> noSession = post(null, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        assertThat(noSession.statusCode()).isEqualTo(400);
        assertThat(noSession.body()).contains("no Mcp-Session-Id header; start a session with initialize");
    }

    private void start(Map<String, String> env) throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/node")) || Files.isExecutable(Path.of("/usr/local/bin/node")),
                "node (Debian package nodejs)");
        Files.writeString(app.resolve("server.py"), SERVER);
        String startCommand = StdioBridge.install(app);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", startCommand).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(app.resolve("bridge.log").toFile());
        pb.environment().putAll(StdioBridge.env("exec python3 server.py"));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().putAll(env);
        bridge = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the bridge did not listen: " + Files.readString(app.resolve("bridge.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI mcp() {
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    private static long pid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher m = PID.matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("server process " + pid + " still running").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
