package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP Java SDK client talks through the router to two real MCP servers (the SDK's Streamable
 * HTTP servlet transport on Jetty), using the path form a newcomer without DNS set-up is given.
 */
class McpSdkThroughRouterTest {
    private static final int STEPS = 3;
    private static final List<McpServerOnJetty> servers = new ArrayList<>();
    /** Progress notifications the clients have received, per progress token; the tool waits on these. */
    private static final Map<String, Semaphore> received = new ConcurrentHashMap<>();
    private static EventBus events;
    private static Router router;

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        Jdbi jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO teams (name) VALUES ('t')");
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (1, 'weather', (SELECT id FROM teams))");
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES ('weather', 1, 1)");
        });
        for (String name : List.of("instance-a", "instance-b")) {
            McpServerOnJetty s = new McpServerOnJetty(name);
            servers.add(s);
            jdbi.useHandle(h -> h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, 1, 1, ?, 'healthy')",
                    name, "127.0.0.1:" + s.port()));
        }
        router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .reloadInterval(Duration.ofMinutes(10)).metricsToDatabase(false).build(), jdbi, events);
        router.start();
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        events.close();
        for (McpServerOnJetty s : servers) {
            s.close();
        }
    }

    @Test
    void sdkClientListsAndCallsAToolAndReceivesProgressWhileItRuns() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = newClient("tracked", progress)) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("count");
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder().name("count")
                    .arguments(Map.of("to", STEPS)).progressToken("tracked").build());
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            // The tool only goes on after the client has received each notification (see McpServerOnJetty),
            // so a router that held the stream back would make it fail with "progress not delivered".
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).endsWith("counted to " + STEPS);
            assertThat(progress).extracting(McpSchema.ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);
        }
    }

    @Test
    void sessionsStayPinnedToTheInstanceThatIssuedThemWithTwoInstances() {
        Set<String> issuers = new HashSet<>();
        List<McpSyncClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                McpSyncClient c = newClient("pin-" + i, new CopyOnWriteArrayList<>());
                clients.add(c);
                c.initialize();
            }
            // All sessions are open at once, so the balancer has to spread them.
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    McpSyncClient c = clients.get(i);
                    String issuer = c.getServerInfo().name();
                    issuers.add(issuer);
                    McpSchema.CallToolResult r = c.callTool(McpSchema.CallToolRequest.builder().name("count")
                            .arguments(Map.of("to", 1)).progressToken("pin-" + i).build());
                    // Another instance does not know the session and would answer 404; this one names itself.
                    assertThat(((McpSchema.TextContent) r.content().get(0)).text()).startsWith(issuer + " ");
                }
            }
            assertThat(issuers).containsExactlyInAnyOrder("instance-a", "instance-b");
        } finally {
            clients.forEach(McpSyncClient::close);
        }
    }

    private static McpSyncClient newClient(String token, List<McpSchema.ProgressNotification> progress) {
        received.put(token, new Semaphore(0));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + router.port())
                .endpoint("/apps/weather/mcp")
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(p -> {
                    progress.add(p);
                    received.computeIfAbsent(String.valueOf(p.progressToken()), k -> new Semaphore(0)).release();
                })
                .build();
    }

    /** A real MCP server: the SDK's Streamable HTTP servlet on Jetty 12, with one tool that reports progress. */
    private static final class McpServerOnJetty implements AutoCloseable {
        private final Server jetty = new Server();
        private final McpSyncServer mcp;

        McpServerOnJetty(String name) throws Exception {
            HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                    .mcpEndpoint("/mcp").build();
            McpSchema.Tool tool = McpSchema.Tool.builder().name("count").description("Counts to `to`, reporting progress at each step.")
                    .inputSchema(new McpSchema.JsonSchema("object", Map.of("to", Map.of("type", "integer")), List.of("to"), null, null, null))
                    .build();
            mcp = McpServer.sync(transport).serverInfo(name, "1.0")
                    .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                    .tools(new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> count(name, exchange, request)))
                    .build();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            ServletHolder holder = new ServletHolder(transport);
            holder.setAsyncSupported(true);
            context.addServlet(holder, "/*");
            jetty.setHandler(context);
            jetty.start();
        }

        private static McpSchema.CallToolResult count(String name, io.modelcontextprotocol.server.McpSyncServerExchange exchange,
                McpSchema.CallToolRequest request) {
            int to = ((Number) request.arguments().get("to")).intValue();
            Object token = request.meta() == null ? null : request.meta().get("progressToken");
            Semaphore delivered = received.get(String.valueOf(token));
            for (int i = 1; i <= to; i++) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) i, (double) to, "step " + i));
                try {
                    if (!delivered.tryAcquire(10, TimeUnit.SECONDS)) {
                        return McpSchema.CallToolResult.builder().isError(true).addTextContent("progress " + i + " not delivered").build();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return McpSchema.CallToolResult.builder().addTextContent(name + " counted to " + to).build();
        }

        int port() {
            return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        }

        @Override
        public void close() throws Exception {
            mcp.close();
            jetty.stop();
        }
    }
}
