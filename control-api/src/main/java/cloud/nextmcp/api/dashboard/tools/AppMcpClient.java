package cloud.nextmcp.api.dashboard.tools;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One short MCP session with an app through its public endpoint (the router), with the official
 * Java SDK as {@code nextmcp mcp tools} uses it: the page sees exactly what any MCP client sees.
 * A private app is called with a bearer token made for this one session (see {@link ToolsPages}).
 */
public final class AppMcpClient {
    private static final Logger LOG = LoggerFactory.getLogger(AppMcpClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A page waits this long for a tool; longer calls belong in the CLI or a real client. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A token made a moment ago reaches the routers' snapshot on NOTIFY, within milliseconds usually:
     * until then the session's opening is refused, and is tried again for this long.
     */
    private static final Duration NEW_TOKEN_GRACE = Duration.ofSeconds(5);
    private static final long RETRY_MILLIS = 150;

    /** The app could not be reached or refused the session; the message says so for a person. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The tools the app lists; {@code bearer} null for a public app. */
    public List<McpSchema.Tool> tools(String app, URI endpoint, String bearer) {
        try (McpSyncClient client = open(endpoint, bearer)) {
            return client.listTools().tools();
        } catch (RuntimeException e) {
            throw unavailable(app, endpoint, e);
        }
    }

    public McpSchema.CallToolResult call(String app, URI endpoint, String bearer, String tool, Map<String, Object> arguments) {
        try (McpSyncClient client = open(endpoint, bearer)) {
            return client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).build());
        } catch (RuntimeException e) {
            throw unavailable(app, endpoint, e);
        }
    }

    /** Opens the session; with a new token, opening again while the routers have not loaded it yet. */
    private static McpSyncClient open(URI endpoint, String bearer) {
        long deadline = System.nanoTime() + NEW_TOKEN_GRACE.toNanos();
        while (true) {
            try {
                return initialize(endpoint, bearer);
            } catch (RuntimeException e) {
                if (bearer == null || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static McpSyncClient initialize(URI endpoint, String bearer) {
        HttpClientStreamableHttpTransport.Builder builder = HttpClientStreamableHttpTransport
                .builder(endpoint.getScheme() + "://" + endpoint.getRawAuthority())
                .endpoint(endpoint.getRawPath())
                .connectTimeout(CONNECT_TIMEOUT);
        if (bearer != null) {
            builder.httpRequestCustomizer((request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + bearer));
        }
        HttpClientStreamableHttpTransport transport = builder.build();
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("nextmcp-dashboard", "1"))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static Unavailable unavailable(String app, URI endpoint, RuntimeException e) {
        LOG.info("MCP session of the dashboard with app {} at {} failed: {}", app, endpoint, e.toString());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new Unavailable("Could not talk to " + app + " over MCP (" + why + "). Is it live?", e);
    }
}
