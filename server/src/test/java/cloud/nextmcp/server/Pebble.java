package cloud.nextmcp.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's {@code pebble}, a small ACME server, on loopback. It ships no TLS certificate for
 * itself, so one is made here with openssl; its HTTP-01 checks go to {@code httpPort} (the
 * platform router's port) at the address the mock DNS gives the domain.
 */
final class Pebble implements AutoCloseable {
    private final Path dir;
    private final int acmePort = MockDns.freePort();
    private final int managementPort = MockDns.freePort();
    private final int httpPort;
    private final String dnsServer;
    private final long validitySeconds;
    private Process process;

    Pebble(Path dir, int httpPort, String dnsServer, long validitySeconds) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        this.httpPort = httpPort;
        this.dnsServer = dnsServer;
        this.validitySeconds = validitySeconds;
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out", tlsCertificate().toString(), "-days", "2",
                "-subj", "/CN=pebble test", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
        }
        Files.writeString(dir.resolve("config.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false, "certificateValidityPeriod": %d}}
                """.formatted(acmePort, managementPort, tlsCertificate(), dir.resolve("key.pem"), httpPort,
                MockDns.freePort(), validitySeconds));
    }

    Pebble start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("config.json").toString(), "-dnsserver", dnsServer)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pebble.log").toFile()));
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        process = pb.start();
        MockDns.awaitPort(acmePort, process);
        return this;
    }

    String directoryUrl() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    /** The PEM of pebble's own TLS certificate: the platform's acme.caCertificate. */
    Path tlsCertificate() {
        return dir.resolve("cert.pem");
    }

    /** The root pebble signs certificates under (a new one each time pebble starts). */
    X509Certificate issuingRoot() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(tlsCertificate())).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(),
                HttpResponse.BodyHandlers.ofString());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.US_ASCII)));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("pebble.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SSLContext trusting(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return trusting((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
