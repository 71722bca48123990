package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import cloud.nextmcp.router.metrics.MinuteSummaries;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket upgrade, TLS with SNI, 504 on a silent upstream and the per-minute summaries in PostgreSQL. */
class RouterEdgesTest {
    @TempDir
    static Path certs;
    private static Jdbi jdbi;
    private static EventBus events;
    private static Router router;
    private static final Backends backends = new Backends();
    private static final MultiThreadIoEventLoopGroup wsLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static ServerSocket silent;
    private static final List<Socket> silentConnections = new ArrayList<>();
    private static ServerSocket oneShot;
    private static final java.util.concurrent.atomic.AtomicInteger oneShotConnections = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        jdbi.useHandle(h -> h.execute("INSERT INTO teams (name) VALUES ('t')"));
        app(1, "echo", "e1", "127.0.0.1:" + startWebSocketEcho());
        app(2, "alpha", "a1", "127.0.0.1:" + backends.start("alpha-1").getAddress().getPort());
        app(3, "beta", "b1", "127.0.0.1:" + backends.start("beta-1").getAddress().getPort());
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread accept = new Thread(RouterEdgesTest::acceptAndStaySilent, "silent-backend");
        accept.setDaemon(true);
        accept.start();
        app(4, "slow", "s1", "127.0.0.1:" + silent.getLocalPort());
        oneShot = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread oneShotAccept = new Thread(RouterEdgesTest::answerOncePerConnection, "one-shot-backend");
        oneShotAccept.setDaemon(true);
        oneShotAccept.start();
        app(5, "oneshot", "o1", "127.0.0.1:" + oneShot.getLocalPort());

        RouterConfig.Tls tls = new RouterConfig.Tls(0, List.of(
                certificate("alpha", "alpha.apps.test"),
                certificate("beta", "beta.apps.test")), false);
        router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .upstreamResponseTimeout(Duration.ofSeconds(2)).reloadInterval(Duration.ofMinutes(10))
                .metricsToDatabase(false).tls(tls).build(), jdbi, events);
        router.start();
    }

    private static void app(long id, String name, String instance, String address) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (?, ?, (SELECT id FROM teams LIMIT 1))", id, name);
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES (?, ?, 1)", name, id);
            h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, ?, 1, ?, 'healthy')", instance, id, address);
        });
    }

    private static RouterConfig.Certificate certificate(String name, String host) throws Exception {
        X509Bundle bundle = new CertificateBuilder().subject("CN=" + host).addSanDnsName(host)
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS)).notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned(); // self-signed: its own root
        Path cert = Files.writeString(certs.resolve(name + ".crt"), bundle.getCertificatePEM());
        Path key = Files.writeString(certs.resolve(name + ".key"), bundle.getPrivateKeyPEM());
        return new RouterConfig.Certificate(List.of(host), cert.toString(), key.toString());
    }

    /** A real WebSocket server on Netty that echoes text frames at /echo. */
    private static int startWebSocketEcho() throws InterruptedException {
        Channel ch = new ServerBootstrap().group(wsLoop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/echo"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                        ctx.writeAndFlush(new TextWebSocketFrame("echo: " + f.text()));
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Accepts connections and reads requests but never answers. */
    private static void acceptAndStaySilent() {
        while (!silent.isClosed()) {
            try {
                Socket s = silent.accept();
                synchronized (silentConnections) {
                    silentConnections.add(s);
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    /**
     * Answers the first request on each connection with keep-alive, then closes the connection
     * when the next request arrives, without a word: what an instance whose keep-alive timeout
     * just expired does to a proxy reusing the connection.
     */
    private static void answerOncePerConnection() {
        while (!oneShot.isClosed()) {
            try {
                Socket s = oneShot.accept();
                int n = oneShotConnections.incrementAndGet();
                Thread t = new Thread(() -> {
                    try (s) {
                        java.io.InputStream in = s.getInputStream();
                        readRequest(in);
                        String body = "connection " + n;
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                                .getBytes(StandardCharsets.ISO_8859_1));
                        readRequest(in);
                    } catch (java.io.IOException e) {
                        // the router closed first: nothing to do
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    /** Reads one request head and its Content-Length body. */
    private static void readRequest(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            head.append((char) c);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    @Test
    void aStalePooledConnectionIsRetriedOnceForARepeatableRequestOnly() throws Exception {
        // One client connection, so every request runs on the same event loop and its upstream pool.
        try (RawHttp c = new RawHttp(router.port())) {
            String first = c.send("GET /a HTTP/1.1\r\nHost: oneshot.apps.test\r\n\r\n").head();
            assertThat(first).startsWith("HTTP/1.1 200");
            assertThat(c.body(first)).isEqualTo("connection 1");
            // The pooled connection is closed by the instance when this request arrives: sent again on a new one.
            String second = c.send("GET /b HTTP/1.1\r\nHost: oneshot.apps.test\r\n\r\n").head();
            assertThat(second).startsWith("HTTP/1.1 200");
            assertThat(c.body(second)).isEqualTo("connection 2");
            // A POST is not repeated: the instance may have acted on it.
            String post = c.send("POST /c HTTP/1.1\r\nHost: oneshot.apps.test\r\nContent-Length: 2\r\n\r\nhi").head();
            assertThat(post).startsWith("HTTP/1.1 502");
        }
        assertThat(oneShotConnections.get()).isEqualTo(2);
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        events.close();
        backends.close();
        silent.close();
        oneShot.close();
        synchronized (silentConnections) {
            for (Socket s : silentConnections) {
                s.close();
            }
        }
        wsLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void webSocketUpgradeRelaysFramesBothWays() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/apps/echo/echo"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        for (String msg : List.of("one", "two", "three")) {
            ws.sendText(msg, true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: " + msg);
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void tlsPresentsTheCertificateNamedBySni() throws Exception {
        for (String app : List.of("alpha", "beta")) {
            String host = app + ".apps.test";
            CompletableFuture<X509Certificate> presented = new CompletableFuture<>();
            try (SSLSocket s = tlsSocket(router.tlsPort(), host, presented)) {
                s.getOutputStream().write(("GET /hi HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(presented.getNow(null).getSubjectX500Principal().getName()).isEqualTo("CN=" + host);
                assertThat(response).startsWith("HTTP/1.1 200").contains(app + "-1", "x-forwarded-proto=https");
            }
        }
    }

    @Test
    void devSelfSignedCertificateCoversTheAppsDomainAndItsApps() throws Exception {
        Router dev = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .reloadInterval(Duration.ofMinutes(10)).metricsToDatabase(false).tls(new RouterConfig.Tls(0, null, true)).build(), jdbi, events);
        dev.start();
        try {
            CompletableFuture<X509Certificate> presented = new CompletableFuture<>();
            try (SSLSocket s = tlsSocket(dev.tlsPort(), "alpha.apps.test", presented)) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: alpha.apps.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            }
            X509Certificate cert = presented.getNow(null);
            assertThat(cert.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).contains("apps.test", "*.apps.test");
            assertThat(cert.getBasicConstraints()).isEqualTo(-1); // a leaf, not a CA
        } finally {
            dev.close();
        }
    }

    private static SSLSocket tlsSocket(int port, String sniName, CompletableFuture<X509Certificate> presented) throws Exception {
        // Records the certificate the router chose instead of validating it: which one it chose is the point.
        TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.complete(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {recorder}, new SecureRandom());
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        SSLParameters params = s.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(sniName)));
        s.setSSLParameters(params);
        s.startHandshake();
        return s;
    }

    @Test
    void silentUpstreamGets504AfterTheResponseTimeout() throws Exception {
        try (RawHttp c = new RawHttp(router.port())) {
            String head = c.send("GET /wait HTTP/1.1\r\nHost: slow.apps.test\r\n\r\n").head();
            assertThat(head).startsWith("HTTP/1.1 504");
            assertThat(c.body(head)).contains("slow");
        }
    }

    @Test
    void perMinuteSummariesAreWrittenToPostgres() throws Exception {
        MinuteSummaries summaries = new MinuteSummaries(router.metrics(), jdbi);
        Instant minute = Instant.parse("2026-01-01T10:00:00Z");
        summaries.flush(minute.minus(1, ChronoUnit.MINUTES)); // what other tests sent goes to the minute before
        for (int i = 0; i < 3; i++) {
            try (RawHttp c = new RawHttp(router.port())) {
                c.send("POST /mcp HTTP/1.1\r\nHost: alpha.apps.test\r\nContent-Type: application/json\r\nContent-Length: 80\r\n\r\n"
                        + String.format("%-80s", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\"}}"));
                String head = c.head();
                assertThat(head).startsWith("HTTP/1.1 200");
                c.body(head);
            }
        }
        summaries.flush(minute);
        Map<String, Object> app = jdbi.withHandle(h -> h.createQuery(
                "SELECT requests, status_2xx, bytes_in, latency_ms_p50, latency_ms_p95, latency_ms_p99 FROM app_metrics_minutely WHERE app_id = 2 AND minute = :m AND instance_id = ''")
                .bind("m", java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC)).mapToMap().one());
        assertThat(app).containsEntry("requests", 3L).containsEntry("status_2xx", 3L).containsEntry("bytes_in", 240L);
        assertPercentilesOrdered(app);
        long perInstance = jdbi.withHandle(h -> h.createQuery(
                "SELECT requests FROM app_metrics_minutely WHERE app_id = 2 AND minute = :m AND instance_id = 'a1'")
                .bind("m", java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC)).mapTo(Long.class).one());
        assertThat(perInstance).isEqualTo(3L);
        Map<String, Object> mcp = jdbi.withHandle(h -> h.createQuery(
                "SELECT calls, errors, latency_ms_p50, latency_ms_p95, latency_ms_p99 FROM mcp_metrics_minutely WHERE app_id = 2 AND minute = :m AND method = 'tools/call' AND tool = 'add'")
                .bind("m", java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC)).mapToMap().one());
        assertThat(mcp).containsEntry("calls", 3L).containsEntry("errors", 0L);
        assertPercentilesOrdered(mcp);

        // A second flush with no new traffic adds nothing: only deltas are written.
        summaries.flush(minute);
        long again = jdbi.withHandle(h -> h.createQuery(
                "SELECT requests FROM app_metrics_minutely WHERE app_id = 2 AND minute = :m AND instance_id = ''")
                .bind("m", java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC)).mapTo(Long.class).one());
        assertThat(again).isEqualTo(3L);
    }

    /** Measured minutes have p50 ≤ p95 ≤ p99, all above zero (bucket upper bounds). */
    private static void assertPercentilesOrdered(Map<String, Object> row) {
        double p50 = (Double) row.get("latency_ms_p50");
        double p95 = (Double) row.get("latency_ms_p95");
        double p99 = (Double) row.get("latency_ms_p99");
        assertThat(p50).isPositive();
        assertThat(p95).isBetween(p50, p99);
    }
}
