package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.Version;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One MCP session with an app, through the official Java SDK over Streamable HTTP: initialized
 * on {@link #open}, closed (the session ended on the server) on {@link #close}. Every failure
 * comes out as a {@link CliException} a user can act on.
 */
public final class McpConnection implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Tools may run for minutes (builds, crawls); the CLI waits as long as a user plausibly would. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final String app;
    private final URI url;
    private final McpAsyncClient client;
    private final StatusRecordingHttpClient.Builder http;

    private McpConnection(String app, URI url, McpAsyncClient client, StatusRecordingHttpClient.Builder http) {
        this.app = app;
        this.url = url;
        this.client = client;
        this.http = http;
    }

    /** Connects to {@code url} (the MCP endpoint of {@code app}) and initializes the session. */
    public static McpConnection open(String app, URI url, Consumer<McpSchema.ProgressNotification> progress) {
        StatusRecordingHttpClient.Builder http = new StatusRecordingHttpClient.Builder();
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(origin)
                .endpoint(endpoint)
                .clientBuilder(http)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        // The async client calls progress consumers on the transport's thread, in the order the
        // server sent them and before the result; the sync client hands each to a thread pool.
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("nextmcp-cli", Version.current()))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .progressConsumer(notification -> Mono.fromRunnable(() -> progress.accept(notification)))
                .build();
        McpConnection connection = new McpConnection(app, url, client, http);
        try {
            connection.call(McpAsyncClient::initialize);
        } catch (CliException e) {
            client.close();
            throw e;
        }
        return connection;
    }

    public McpSchema.ListToolsResult listTools() {
        return call(McpAsyncClient::listTools);
    }

    public McpSchema.CallToolResult callTool(McpSchema.CallToolRequest request) {
        return call(c -> c.callTool(request));
    }

    private <T> T call(Function<McpAsyncClient, Mono<T>> request) {
        try {
            return request.apply(client).block();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private CliException translate(RuntimeException e) {
        McpError serverError = find(e, McpError.class);
        if (serverError != null) {
            String message = serverError.getJsonRpcError() == null ? serverError.getMessage()
                    : serverError.getJsonRpcError().message();
            return new CliException(message, e);
        }
        OptionalInt status = http.built() == null ? OptionalInt.empty() : http.built().firstErrorStatus();
        if (status.isPresent()) {
            return switch (status.getAsInt()) {
                case 503 -> new CliException(app + " has no running instance yet (push to deploy: git push nextmcp main)", e);
                case 404 -> new CliException("no app '" + app + "' at " + url, e);
                default -> new CliException(url + " answered HTTP " + status.getAsInt(), e);
            };
        }
        ConnectException refused = find(e, ConnectException.class);
        if (refused != null) {
            return new CliException("cannot reach " + url + ": "
                    + (refused.getMessage() == null ? "connection refused" : refused.getMessage()), e);
        }
        Throwable root = rootCause(e);
        return new CliException("MCP session with " + url + " failed: "
                + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()), e);
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        client.closeGracefully().block(CONNECT_TIMEOUT);
    }
}
