package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on the TLS port, as a browser MCP client with several SSE streams uses it: many streams
 * and calls on one connection, while a client that only speaks HTTP/1.1 still gets it.
 */
class Http2Test {
    private static final int STREAMS = 8; // more than the six connections a browser opens per host over HTTP/1.1
    @TempDir
    static Path certs;
    private static final Backends backends = new Backends();
    private static EventBus events;
    private static Router router;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        Jdbi jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        String address = "127.0.0.1:" + backends.start("h2-1").getAddress().getPort();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO teams (name) VALUES ('t')");
            h.execute("INSERT INTO apps (id, name, team_id) VALUES (1, 'sse', (SELECT id FROM teams LIMIT 1))");
            h.execute("INSERT INTO routes (hostname, app_id, release_version) VALUES ('sse', 1, 1)");
            h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES ('i1', 1, 1, ?, 'healthy')", address);
        });
        X509Bundle cert = new CertificateBuilder().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS)).notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        Path crt = Files.writeString(certs.resolve("ip.crt"), cert.getCertificatePEM());
        Path key = Files.writeString(certs.resolve("ip.key"), cert.getPrivateKeyPEM());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("router", cert.getCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .reloadInterval(Duration.ofMinutes(10)).metricsToDatabase(false)
                .tls(new RouterConfig.Tls(0, List.of(new RouterConfig.Certificate(List.of("127.0.0.1"), crt.toString(), key.toString())), false))
                .build(), jdbi, events);
        router.start();
    }

    @AfterAll
    static void stop() {
        backends.close();
        router.close();
        events.close();
    }

    @Test
    void manySseStreamsAndACallShareOneHttp2ConnectionAndHttp11StillWorks() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trusting)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // the call first: the JDK client opens one connection per request while none is established yet
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        HttpResponse<String> answer = h2.send(HttpRequest.newBuilder(url("/apps/sse/mcp")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("mcp-session-id")).hasValueSatisfying(s -> assertThat(s).startsWith("h2-1-"));
        assertThat(answer.body()).startsWith("h2-1\npath=/mcp\n").contains("x-forwarded-proto=https", "content-length=" + call.length())
                .doesNotContain("x-http2-");
        List<BufferedReader> streams = new ArrayList<>();
        List<CompletableFuture<HttpResponse<InputStream>>> opening = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            opening.add(h2.sendAsync(HttpRequest.newBuilder(url("/apps/sse/hold")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        for (CompletableFuture<HttpResponse<InputStream>> f : opening) {
            HttpResponse<InputStream> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
            BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("data: open");
            streams.add(lines);
        }
        assertThat(router.metrics().apps().values().iterator().next().openStreams()).isEqualTo(STREAMS);

        assertThat(router.openConnections()).as("all streams and the call on one connection").isEqualTo(1);

        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting).build();
        HttpResponse<String> old = http11.send(HttpRequest.newBuilder(url("/apps/sse/plain")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(old.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).startsWith("h2-1\npath=/plain\n");

        backends.release.countDown();
        for (BufferedReader lines : streams) {
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("data: bye");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isNull();
        }
    }

    private static URI url(String path) {
        return URI.create("https://127.0.0.1:" + router.tlsPort() + path);
    }
}
