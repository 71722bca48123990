package cloud.nextmcp.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An app as an MCP client sees it: the MCP Java SDK over Streamable HTTP at
 * {@code <router>/apps/<app>/mcp} (path routing, so no DNS for {@code <app>.localhost} is needed).
 */
final class McpApp implements AutoCloseable {
    private final McpSyncClient client;

    private McpApp(McpSyncClient client) {
        this.client = client;
    }

    static McpApp connect(String routerUrl, String app) {
        return connect(routerUrl, app, null);
    }

    /** bearerToken: sent as {@code Authorization: Bearer}, as a private app needs; null sends none. */
    static McpApp connect(String routerUrl, String app, String bearerToken) {
        HttpClientStreamableHttpTransport.Builder builder = HttpClientStreamableHttpTransport.builder(routerUrl)
                .endpoint("/apps/" + app + "/mcp")
                .connectTimeout(Duration.ofSeconds(5));
        if (bearerToken != null) {
            builder.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + bearerToken));
        }
        HttpClientStreamableHttpTransport transport = builder.build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15)).build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new McpApp(client);
    }

    /**
     * A client of {@code <routerUrl>/mcp} that sends {@code Host: host}, as a client resolving a
     * custom domain to the router does (the test JVM runs with jdk.httpclient.allowRestrictedHeaders=host).
     */
    static McpApp connectAsHost(String routerUrl, String host) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(routerUrl).endpoint("/mcp")
                .connectTimeout(Duration.ofSeconds(5)).requestBuilder(HttpRequest.newBuilder().header("Host", host)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15)).build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new McpApp(client);
    }

    static String greetOnceAsHost(String routerUrl, String host) {
        try (McpApp mcp = connectAsHost(routerUrl, host)) {
            return mcp.greet("Ada");
        }
    }

    List<String> toolNames() {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    String greet(String name) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("greet", Map.of("name", name)));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException("greet answered an error: " + result.content());
        }
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** One fresh connection, one greeting: what a client arriving now gets. */
    static String greetOnce(String routerUrl, String app, String name) {
        try (McpApp mcp = connect(routerUrl, app)) {
            return mcp.greet(name);
        }
    }

    /**
     * Polls until {@code app} greets with {@code expected}; on timeout the error shows the last
     * answer or failure and {@code diagnostics} (the platform log).
     */
    static void awaitGreeting(String routerUrl, String app, String name, String expected, Duration timeout,
            Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(no attempt)";
        while (System.nanoTime() < deadline) {
            try {
                last = greetOnce(routerUrl, app, name);
                if (last.equals(expected)) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Polling.pause();
        }
        throw new AssertionError(app + " did not answer '" + expected + "' within " + timeout + "; last: " + last
                + "\n" + diagnostics.get());
    }

    @Override
    public void close() {
        client.close();
    }
}
