package cloud.nextmcp.cli.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real MCP server (the SDK's Streamable HTTP servlet on Jetty 12) mounted where the platform's
 * router serves an app, {@code /apps/<app>/mcp}, so the URL the CLI builds reaches it directly.
 * {@code /apps/<sleepingApp>/mcp} answers 503 the way the router does for an app with no running
 * instance; any other path is a 404.
 */
final class McpServerOnJetty implements AutoCloseable {

    private final Server jetty = new Server();
    private final McpSyncServer mcp;

    McpServerOnJetty(String app, String sleepingApp) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/apps/" + app + "/mcp")
                .build();
        mcp = McpServer.sync(transport)
                .serverInfo("weather-test", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(new McpServerFeatures.SyncToolSpecification(forecastTool(), McpServerOnJetty::forecast),
                        new McpServerFeatures.SyncToolSpecification(countTool(), McpServerOnJetty::count))
                .build();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/apps/" + app + "/mcp");
        context.addServlet(new ServletHolder(new StatusServlet(503, "no running instance")),
                "/apps/" + sleepingApp + "/mcp");
        context.addServlet(new ServletHolder(new StatusServlet(404, "no such app")), "/");
        jetty.setHandler(context);
        jetty.start();
    }

    int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    private static McpSchema.Tool forecastTool() {
        return McpSchema.Tool.builder().name("forecast")
                .description("The weather forecast for a city.\nSecond line, not shown in tables.")
                .inputSchema(new McpSchema.JsonSchema("object",
                        Map.of("city", Map.of("type", "string"), "days", Map.of("type", List.of("integer", "string"))),
                        List.of("city"), null, null, null))
                .build();
    }

    /** Echoes its arguments with their JSON types, so tests see how the CLI parsed them; Atlantis fails. */
    private static McpSchema.CallToolResult forecast(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object city = request.arguments().get("city");
        if ("Atlantis".equals(city)) {
            return McpSchema.CallToolResult.builder().isError(true).addTextContent("no forecast for Atlantis").build();
        }
        Object days = request.arguments().get("days");
        Object metric = request.arguments().get("metric");
        return McpSchema.CallToolResult.builder()
                .addTextContent("Forecast for " + city + ": sunny")
                .addTextContent("days=" + typed(days) + " metric=" + typed(metric))
                .build();
    }

    private static String typed(Object value) {
        return value == null ? "none" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static McpSchema.Tool countTool() {
        return McpSchema.Tool.builder().name("count").description("Counts to `to`, reporting progress at each step.")
                .inputSchema(new McpSchema.JsonSchema("object", Map.of("to", Map.of("type", "integer")),
                        List.of("to"), null, null, null))
                .build();
    }

    private static McpSchema.CallToolResult count(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        int to = ((Number) request.arguments().get("to")).intValue();
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        for (int i = 1; i <= to; i++) {
            exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) i, (double) to, "step " + i));
        }
        return McpSchema.CallToolResult.builder().addTextContent("counted to " + to).build();
    }

    /** What the router answers for an app with no running instance (503), or for no app at all (404). */
    private static final class StatusServlet extends HttpServlet {
        private final int status;
        private final String body;

        StatusServlet(int status, String body) {
            this.status = status;
            this.body = body;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(status);
            response.setContentType("text/plain");
            response.getWriter().write(body);
        }
    }

    @Override
    public void close() throws Exception {
        mcp.close();
        jetty.stop();
    }
}
