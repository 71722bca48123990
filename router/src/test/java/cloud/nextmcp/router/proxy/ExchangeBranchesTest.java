package cloud.nextmcp.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.router.access.AccessFreshness;
import cloud.nextmcp.router.access.AccessSnapshot;
import cloud.nextmcp.router.access.CallAuthorizer;
import cloud.nextmcp.router.domains.DomainAnswers;
import cloud.nextmcp.router.domains.DomainSnapshot;
import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Balancer;
import cloud.nextmcp.router.routes.Route;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.wake.ScaleFromZero;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The branches of an exchange that need precise control of both connections' timing: a client
 * connection and its upstream connections are {@link EmbeddedChannel}s with the real codecs, the
 * upstream ones handed out by an injected {@link UpstreamConnections}.
 */
class ExchangeBranchesTest {
    private final List<EmbeddedChannel> connected = new ArrayList<>();
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final List<ExchangeRecord> finished = new ArrayList<>();
    private final RouterMetrics metrics = new RouterMetrics(50);
    private final List<Backend> connectedTo = new ArrayList<>();
    private final Backend second = new Backend("i2", "127.0.0.1:10");
    private RouteTable table;
    private ProxyContext px;
    private EmbeddedChannel client;

    @BeforeEach
    void setUp() {
        Backend backend = new Backend("i1", "127.0.0.1:9");
        table = new RouteTable("apps.test", List.of(
                new Route("demo", 1, "demo", "production", 1, null, List.of(backend)),
                new Route("asleep", 2, "asleep", "production", 1, null, List.of()),
                new Route("pair", 3, "pair", "production", 1, null, List.of(new Backend("i3", "127.0.0.1:11"), second))));
        UpstreamConnections upstreams = new UpstreamConnections() {
            @Override
            public Channel pooled(Backend b) {
                return idle.pollLast();
            }

            @Override
            public ChannelFuture connect(Backend b) {
                EmbeddedChannel ch = new EmbeddedChannel();
                ch.pipeline().addLast("codec", new HttpClientCodec());
                ch.pipeline().addLast(UpstreamPool.HANDLER, new UpstreamHandler(Duration.ofMinutes(1).toNanos()));
                connected.add(ch);
                connectedTo.add(b);
                return ch.newSucceededFuture();
            }

            @Override
            public void release(Backend b, Channel ch) {
                idle.addLast(ch);
            }
        };
        ExchangeObserver recorder = r -> finished.add(r);
        px = new ProxyContext(RouterConfig.defaults(), () -> table, new Balancer(Duration.ofHours(1)), metrics,
                List.of(new MetricsObserver(metrics), recorder),
                new EdgeGate(new CallAuthorizer(() -> AccessSnapshot.EMPTY, AccessFreshness.NEVER_STALE, Clock.systemUTC(), null), metrics, null),
                new DomainAnswers(() -> DomainSnapshot.EMPTY, -1, Clock.systemUTC()), ScaleFromZero.OFF, loop -> upstreams);
        client = newClient();
    }

    private EmbeddedChannel newClient() {
        ClientHandler handler = new ClientHandler(px, false);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("bytes", new ByteWatcher(handler));
        ch.pipeline().addLast("codec", new HttpServerCodec());
        ch.pipeline().addLast("client", handler);
        return ch;
    }

    @Test
    void pipelinedRequestsWaitForTheCurrentResponseAndReuseTheConnection() {
        send(client, "GET /one HTTP/1.1\r\nHost: demo.apps.test\r\n\r\nGET /two HTTP/1.1\r\nHost: demo.apps.test\r\n\r\n");
        assertThat(connected).hasSize(1);
        EmbeddedChannel up = connected.get(0);
        String first = read(up);
        assertThat(first).startsWith("GET /one HTTP/1.1").doesNotContain("/two");

        send(up, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
        String second = read(up);
        assertThat(second).startsWith("GET /two HTTP/1.1");
        send(up, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");

        String answers = read(client);
        assertThat(answers.indexOf("one")).isGreaterThan(0).isLessThan(answers.indexOf("two"));
        assertThat(connected).hasSize(1);
        assertThat(finished).extracting(ExchangeRecord::outcome).containsExactly(Outcome.OK, Outcome.OK);
        assertThat(idle).containsExactly(up);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void anHttp10ClientGetsAStreamedBodyEndedByTheClose() {
        send(client, "GET /stream HTTP/1.0\r\nHost: demo.apps.test\r\n\r\n");
        EmbeddedChannel up = connected.get(0);
        assertThat(read(up)).startsWith("GET /stream HTTP/1.1");
        send(up, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        String answer = read(client);
        assertThat(answer).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("connection: close")
                .doesNotContainIgnoringCase("transfer-encoding").endsWith("\r\n\r\nhello");
        client.runPendingTasks();
        assertThat(client.isOpen()).isFalse();
        assertThat(finished).extracting(ExchangeRecord::outcome).containsExactly(Outcome.OK);
        assertThat(idle).containsExactly(up); // the instance's connection stays good
    }

    @Test
    void aHundredContinueIsRelayedBeforeTheBodyIsSent() {
        send(client, "POST /upload HTTP/1.1\r\nHost: demo.apps.test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        EmbeddedChannel up = connected.get(0);
        assertThat(read(up)).startsWith("POST /upload HTTP/1.1").containsIgnoringCase("expect: 100-continue");

        send(up, "HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(read(client)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");

        send(client, "hello");
        assertThat(read(up)).isEqualTo("hello");
        send(up, "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        assertThat(read(client)).startsWith("HTTP/1.1 201 Created").endsWith("ok");
        assertThat(finished).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.OK);
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.bytesIn()).isEqualTo(5);
        });
        assertThat(idle).containsExactly(up);
    }

    @Test
    void anAnswerBeforeTheBodyEndsClosesBothConnections() {
        send(client, "POST /upload HTTP/1.1\r\nHost: demo.apps.test\r\nContent-Length: 10\r\n\r\nhello");
        EmbeddedChannel up = connected.get(0);
        assertThat(read(up)).startsWith("POST /upload HTTP/1.1").endsWith("hello");

        send(up, "HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\nnope");
        assertThat(read(client)).startsWith("HTTP/1.1 403 Forbidden").endsWith("nope");
        client.runPendingTasks();
        assertThat(client.isOpen()).isFalse();
        assertThat(up.isOpen()).isFalse();
        assertThat(idle).isEmpty();
        assertThat(finished).extracting(ExchangeRecord::outcome).containsExactly(Outcome.EARLY_RESPONSE);
    }

    @Test
    void aStalePooledConnectionIsRetriedOnceOnANewOne() {
        send(client, "GET /a HTTP/1.1\r\nHost: demo.apps.test\r\n\r\n");
        EmbeddedChannel first = connected.get(0);
        read(first);
        send(first, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na");
        read(client);

        send(client, "GET /b HTTP/1.1\r\nHost: demo.apps.test\r\n\r\n");
        assertThat(read(first)).startsWith("GET /b");
        first.close(); // the instance's keep-alive timeout raced the reuse
        assertThat(connected).hasSize(2);
        EmbeddedChannel second = connected.get(1);
        assertThat(read(second)).startsWith("GET /b");
        send(second, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        assertThat(read(client)).startsWith("HTTP/1.1 200 OK").endsWith("b");
        assertThat(finished).extracting(ExchangeRecord::outcome).containsExactly(Outcome.OK, Outcome.OK);
    }

    @Test
    void anAppWithoutALiveInstanceIsAnswered503WithRetryAfter() {
        send(client, "GET / HTTP/1.1\r\nHost: asleep.apps.test\r\n\r\n");
        assertThat(read(client)).startsWith("HTTP/1.1 503 Service Unavailable").containsIgnoringCase("retry-after: 5")
                .contains("App asleep has no running instance right now.");
        assertThat(connected).isEmpty();
        assertThat(client.isOpen()).isTrue();
        assertThat(finished).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(r.route().appName()).isEqualTo("asleep");
        });
    }

    @Test
    void anUnknownHostIsCountedAsUnrouted() {
        send(client, "GET / HTTP/1.1\r\nHost: nobody.apps.test\r\n\r\n");
        assertThat(read(client)).startsWith("HTTP/1.1 404 Not Found").contains("No app is served at nobody.apps.test.");
        assertThat(metrics.unroutedRequests()).isEqualTo(1);
        assertThat(finished).extracting(ExchangeRecord::outcome).containsExactly(Outcome.UNROUTED);
    }

    @Test
    void getAndDeleteAnsweredByTheAppPassThroughUnchanged() {
        send(client, "GET /mcp HTTP/1.1\r\nHost: demo.apps.test\r\nAccept: text/event-stream\r\nMcp-Method: ignored\r\n\r\n");
        EmbeddedChannel up = connected.get(0);
        assertThat(read(up)).startsWith("GET /mcp HTTP/1.1").containsIgnoringCase("accept: text/event-stream");
        String refusal = "HTTP/1.1 405 Method Not Allowed\r\nallow: POST, DELETE\r\ncontent-type: application/json\r\n"
                + "content-length: 27\r\n\r\n{\"error\":\"no SSE stream\"}  ";
        send(up, refusal);
        assertThat(read(client)).isEqualTo(refusal);

        send(client, "DELETE /mcp HTTP/1.1\r\nHost: demo.apps.test\r\nMcp-Session-Id: s1\r\n\r\n");
        assertThat(read(up)).startsWith("DELETE /mcp HTTP/1.1").containsIgnoringCase("mcp-session-id: s1");
        String gone = "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";
        send(up, gone);
        assertThat(read(client)).isEqualTo(gone);
        assertThat(finished).extracting(ExchangeRecord::status).containsExactly(405, 404);
    }

    @Test
    void aResumedStreamReachesTheInstanceThatSentTheEventId() {
        send(client, "GET /mcp HTTP/1.1\r\nHost: pair.apps.test\r\nAccept: text/event-stream\r\n\r\n");
        Backend holder = connectedTo.get(0);
        EmbeddedChannel up = connected.get(0);
        read(up);
        send(up, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
        send(up, chunk("id: ev-7\ndata: {\"a\":1}\n\nid: e")); // the second id is cut by the chunk's end
        send(up, chunk("v-8\ndata: 2\n\n"));
        assertThat(read(client)).contains("id: ev-7").contains("v-8");

        // the stream still open makes the holder the busier instance: only the pin can lead back to it
        for (String id : List.of("ev-8", "ev-7")) {
            EmbeddedChannel resumed = newClient();
            send(resumed, "GET /mcp HTTP/1.1\r\nHost: pair.apps.test\r\nLast-Event-ID: " + id + "\r\n\r\n");
            assertThat(connectedTo.get(connectedTo.size() - 1)).as("Last-Event-ID " + id).isEqualTo(id.equals("ev-8") ? holder : other(holder));
        }
    }

    @Test
    void theBodysMethodWinsOverTheHeaderAndTheHeaderCountsWithoutABody() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"forecast\"}}";
        send(client, "POST /mcp HTTP/1.1\r\nHost: demo.apps.test\r\nContent-Type: application/json\r\nMcp-Method: tools/call\r\n"
                + "Mcp-Name: spoofed\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        EmbeddedChannel up = connected.get(0);
        read(up);
        send(up, "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
        send(client, "GET /mcp HTTP/1.1\r\nHost: demo.apps.test\r\nMcp-Method: tools/list\r\n\r\n");
        read(up);
        send(up, "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");

        assertThat(finished).extracting(ExchangeRecord::mcpMethod, ExchangeRecord::mcpName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tools/call", "forecast"), org.assertj.core.groups.Tuple.tuple("tools/list", null));
        assertThat(metrics.mcp().keySet()).extracting(RouterMetrics.McpKey::tool).containsExactlyInAnyOrder("forecast", "");
    }

    private Backend other(Backend b) {
        return b == second ? table.forAppName("pair").backends().get(0) : second;
    }

    private static String chunk(String s) {
        return Integer.toHexString(s.length()) + "\r\n" + s + "\r\n";
    }

    private static void send(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
    }

    private static String read(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) m;
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }
}
