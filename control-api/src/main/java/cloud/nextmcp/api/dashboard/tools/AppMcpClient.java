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
 */
public final class AppMcpClient {
    private static final Logger LOG = LoggerFactory.getLogger(AppMcpClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A page waits this long for a tool; longer calls belong in the CLI or a real client. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The app could not be reached or refused the session; the message says so for a person. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The tools the app lists. */
    public List<McpSchema.Tool> tools(String app, URI endpoint) {
        try (McpSyncClient client = open(endpoint)) {
            return client.listTools().tools();
        } catch (RuntimeException e) {
            throw unavailable(app, endpoint, e);
        }
    }

    public McpSchema.CallToolResult call(String app, URI endpoint, String tool, Map<String, Object> arguments) {
        try (McpSyncClient client = open(endpoint)) {
            return client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).build());
        } catch (RuntimeException e) {
            throw unavailable(app, endpoint, e);
        }
    }

    private static McpSyncClient open(URI endpoint) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(endpoint.getScheme() + "://" + endpoint.getRawAuthority())
                .endpoint(endpoint.getRawPath())
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
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
        return new Unavailable("Could not talk to " + app + " over MCP (" + why + "). Is it live? A private app "
                + "needs a token: use nextmcp mcp tools.", e);
    }
}
