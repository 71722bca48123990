package example;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;

/** An MCP server on the MCP Java SDK: Streamable HTTP at /mcp on $PORT, a health check at /health. */
public final class Server {
    private static final String GREETING = System.getenv().getOrDefault("GREETING", "Hello");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        McpJsonMapper json = McpJsonDefaults.getMapper();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                .build();
        McpSyncServer mcp = McpServer.sync(transport)
                .serverInfo("nextmcp-example-java", "1.0.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(greet(json), add(json))
                .build();

        org.eclipse.jetty.server.Server http = new org.eclipse.jetty.server.Server();
        ServerConnector connector = new ServerConnector(http);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        http.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(transport), "/mcp");
        context.addServlet(new ServletHolder(new Health()), "/health");
        http.setHandler(context);
        http.setStopAtShutdown(true);
        Runtime.getRuntime().addShutdownHook(new Thread(mcp::closeGracefully));
        http.start();
        System.out.println("MCP server listening on 127.0.0.1:" + port + "/mcp");
        http.join();
    }

    private static SyncToolSpecification greet(McpJsonMapper json) {
        Tool tool = Tool.builder().name("greet").description("Greets someone by name")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}")
                .build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> text(GREETING + ", " + request.arguments().get("name") + "!"))
                .build();
    }

    private static SyncToolSpecification add(McpJsonMapper json) {
        Tool tool = Tool.builder().name("add").description("Adds two numbers")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
                        + "\"required\":[\"a\",\"b\"]}")
                .build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> {
                    Map<String, Object> a = request.arguments();
                    double sum = ((Number) a.get("a")).doubleValue() + ((Number) a.get("b")).doubleValue();
                    return text(sum == Math.rint(sum) ? Long.toString((long) sum) : Double.toString(sum));
                })
                .build();
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private static final class Health extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("ok\n");
        }
    }
}
