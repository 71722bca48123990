package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.core.testing.Prerequisites;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom domains on the real platform, against real DNS and ACME servers on loopback: Debian's
 * {@code pebble-challtestsrv} answers DNS (the test sets the records a user would) and
 * {@code pebble} issues certificates after checking HTTP-01 answers on the router's HTTP port.
 * Intervals are shortened through Dropwizard's {@code dw.} overrides so that re-checks, the TXT
 * grace period and renewals happen within seconds; pebble issues 90-second certificates, renewed
 * 60 seconds before they expire.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomDomainsIT {
    private static final String APP = "shop";
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    private static final String APPS_DOMAIN = "apps.test";
    private static final String TSIG_KEY = "nextmcp-test";
    private static final String TSIG_SECRET = "c2VjcmV0LWtleS1mb3ItdGhlLXRlc3QtZG5zLXVwZGF0ZXM=";
    private static MockDns dns;
    private static UpdatableDns zone;
    private static Pebble pebble;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path anywhere;
    private static int httpsPort;

    @BeforeAll
    static void platformWithAnAppDnsAndAcme() throws Exception {
        Prerequisites.require(MockDns.installed("pebble") && MockDns.installed("pebble-challtestsrv"),
                "Debian's pebble package (pebble and pebble-challtestsrv)");
        Prerequisites.require(MockDns.installed("openssl"), "openssl, to make pebble's TLS certificate");
        dns = new MockDns(tmp.resolve("challtestsrv.log"));
        // The apps domain's zone takes RFC 2136 updates (DNS-01 for the wildcard) and passes other questions to the mock DNS.
        zone = new UpdatableDns(TSIG_KEY, TSIG_SECRET, dns.resolver());
        httpsPort = MockDns.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("NEXTMCP_APPS_DOMAIN", APPS_DOMAIN);
        env.put("NEXTMCP_DOMAINS_RESOLVERS", dns.resolver());
        env.put("NEXTMCP_DOMAINS_TARGET", "127.0.0.1");
        env.put("NEXTMCP_ROUTER_HTTPS_PORT", Integer.toString(httpsPort));
        env.put("JAVA_TOOL_OPTIONS", String.join(" ",
                "-Ddw.domains.checkInterval=PT1S", "-Ddw.domains.pendingRecheck=PT1S", "-Ddw.domains.pendingRecheckMax=PT2S",
                "-Ddw.domains.activeRecheck=PT2S", "-Ddw.domains.txtGracePeriod=PT6S", "-Ddw.domains.dnsTimeout=PT2S",
                "-Ddw.acme.checkInterval=PT1S", "-Ddw.acme.renewBefore=PT60S", "-Ddw.acme.retry=PT2S",
                "-Ddw.acme.retryMax=PT4S", "-Ddw.acme.challengeDelay=PT0.5S", "-Ddw.acme.orderTimeout=PT30S",
                "-Ddw.acme.dnsUpdate.server=" + zone.address(), "-Ddw.acme.dnsUpdate.zone=" + APPS_DOMAIN,
                "-Ddw.acme.dnsUpdate.keyName=" + TSIG_KEY, "-Ddw.acme.dnsUpdate.secret=" + TSIG_SECRET));
        // Pebble checks HTTP-01 on the router's port, and the platform needs pebble's URL: ports first, then both.
        platform = new PlatformProcess(tmp.resolve("data"), env);
        int routerPort = platform.port("NEXTMCP_ROUTER_PORT");
        pebble = new Pebble(tmp.resolve("pebble"), routerPort, zone.address(), 90).start();
        platform.withEnv("NEXTMCP_ACME_DIRECTORY_URL", pebble.directoryUrl())
                .withEnv("NEXTMCP_ACME_CA_CERTIFICATE", pebble.tlsCertificate().toString())
                .start();
        assertThat(platform.port("NEXTMCP_ROUTER_PORT")).as("the port pebble checks HTTP-01 on").isEqualTo(routerPort);

        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, PASSWORD + "\n", "register", "--email", "ada@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        Path repo = git.repoFrom(Examples.path("node"), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push.toString()).isZero();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (pebble != null) {
            pebble.close();
        }
        if (zone != null) {
            zone.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    @Order(0)
    void theAppsDomainsWildcardCertificateComesFromDns01ThroughSignedDnsUpdates() throws Exception {
        String host = APP + "." + APPS_DOMAIN;
        TlsAnswer https = awaitHttps(host, pebble.issuingRoot());
        assertThat(https.leaf().getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("*." + APPS_DOMAIN));
        assertThat(https.response()).startsWith("HTTP/1.1 200").contains("serverInfo");
        assertThat(zone.updates()).anyMatch(u -> u.startsWith("add _acme-challenge." + APPS_DOMAIN + ". "))
                .anyMatch(u -> u.startsWith("delete _acme-challenge." + APPS_DOMAIN + ". "));
    }

    @Test
    @Order(1)
    void aDomainGoesFromDnsInstructionsToHttpsAndAwayAgain() throws Exception {
        String domain = "mcp.shop.test";
        String added = cli.ok(anywhere, "domains", "add", domain, "-a", APP);
        assertThat(added).contains("_nextmcp-challenge." + domain).contains("nextmcp-verify=").contains("127.0.0.1");
        String token = token(APP, domain);
        assertThat(cli.ok(anywhere, "domains", "list", "-a", APP)).contains(domain).contains("pending ownership");
        assertThat(cli.ok(anywhere, "domains", "verify", domain, "-a", APP))
                .contains("TXT record not found at _nextmcp-challenge." + domain);
        assertThat(status(domainHttp(domain))).as("an unverified domain does not route").isEqualTo(404);

        dns.setTxt("_nextmcp-challenge." + domain, token);
        assertThat(cli.ok(anywhere, "domains", "verify", domain, "-a", APP))
                .contains("no CNAME or A/AAAA record found for " + domain);
        dns.addA(domain, "127.0.0.1");
        String verified = cli.ok(anywhere, "domains", "verify", domain, "-a", APP);
        assertThat(verified).containsAnyOf("pending certificate", "active");
        try (McpApp mcp = McpApp.connectAsHost(platform.routerUrl(), domain)) {
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }

        JsonNode active = awaitState(APP, domain, "active");
        assertThat(active.path("certificateExpiresAt").isNull()).isFalse();
        X509Certificate root = pebble.issuingRoot();
        TlsAnswer https = awaitHttps(domain, root);
        assertThat(https.leaf().getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo(domain));
        assertThat(https.response()).startsWith("HTTP/1.1 200").contains("serverInfo");

        String stranger = "nobody.shop.test";
        assertThatThrownBy(() -> https(stranger, root)).as("no certificate for a name nobody verified")
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(cli.ok(anywhere, "logs", "-a", APP)).contains("Certificate for " + domain + " issued");

        cli.ok(anywhere, "domains", "remove", domain, "-a", APP);
        awaitStatus(domain, 404);
        Polling.await("the certificate of " + domain + " to be gone", Duration.ofSeconds(15), () -> {
            try {
                https(domain, root);
                return Optional.empty();
            } catch (SSLHandshakeException e) {
                return Optional.of(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, platform::logText);
        assertThat(platform.logText()).doesNotContain("certificate for domain " + stranger);
    }

    @Test
    @Order(2)
    void anotherTeamTakesADomainOnlyByProvingOwnershipAfresh() throws Exception {
        String domain = "claimed.shop.test";
        cli.ok(anywhere, "domains", "add", domain, "-a", APP);
        dns.setTxt("_nextmcp-challenge." + domain, token(APP, domain));
        dns.addA(domain, "127.0.0.1");
        assertThat(cli.ok(anywhere, "domains", "verify", domain, "-a", APP)).doesNotContain("pending ownership");
        assertThat(McpApp.greetOnceAsHost(platform.routerUrl(), domain)).isEqualTo("Hello, Ada!");

        Cli rival = new Cli(Files.createDirectories(tmp.resolve("rival-home")), platform.apiUrl());
        rival.runWithStdin(anywhere, PASSWORD + "\n", "register", "--email", "eve@example.com", "--password-stdin");
        rival.ok(anywhere, "apps", "create", "rival");
        rival.ok(anywhere, "domains", "add", domain, "-a", "rival");
        assertThat(rival.ok(anywhere, "domains", "verify", domain, "-a", "rival")).contains("pending ownership");
        assertThat(McpApp.greetOnceAsHost(platform.routerUrl(), domain)).as("still the first team's").isEqualTo("Hello, Ada!");

        dns.setTxt("_nextmcp-challenge." + domain, token(rival, "rival", domain));
        assertThat(rival.ok(anywhere, "domains", "verify", domain, "-a", "rival")).doesNotContain("pending ownership");
        assertThat(cli.ok(anywhere, "domains", "list", "-a", APP)).doesNotContain(domain);
        assertThat(cli.ok(anywhere, "logs", "-a", APP)).contains("Domain " + domain + " was detached from this app");
        awaitStatus(domain, 503); // the rival's app is not deployed
    }

    @Test
    @Order(3)
    void aDomainWhoseTxtRecordIsRemovedStopsBeingServed() throws Exception {
        String domain = "lapsed.shop.test";
        cli.ok(anywhere, "domains", "add", domain, "-a", APP);
        dns.setTxt("_nextmcp-challenge." + domain, token(APP, domain));
        dns.addA(domain, "127.0.0.1");
        cli.ok(anywhere, "domains", "verify", domain, "-a", APP);
        assertThat(McpApp.greetOnceAsHost(platform.routerUrl(), domain)).isEqualTo("Hello, Ada!");

        dns.clearTxt("_nextmcp-challenge." + domain);
        JsonNode failing = awaitState(APP, domain, "failing");
        assertThat(failing.path("reason").asText()).contains("TXT record not found at _nextmcp-challenge." + domain)
                .contains("stops being served at");
        JsonNode lapsed = awaitState(APP, domain, "pending_ownership");
        assertThat(lapsed.path("reason").asText()).contains("no longer served");
        awaitStatus(domain, 404);
    }

    @Test
    @Order(4)
    void redirectHttpSendsPlainHttpToHttpsOnceACertificateIsServed() throws Exception {
        String domain = "secure.shop.test";
        cli.ok(anywhere, "domains", "add", domain, "--redirect-http", "-a", APP);
        dns.setTxt("_nextmcp-challenge." + domain, token(APP, domain));
        dns.addA(domain, "127.0.0.1");
        cli.ok(anywhere, "domains", "verify", domain, "-a", APP);
        awaitState(APP, domain, "active");
        awaitStatus(domain, 301);
        HttpResponse<String> moved = HttpClient.newHttpClient().send(domainHttp(domain), HttpResponse.BodyHandlers.ofString());
        assertThat(moved.headers().firstValue("Location")).contains("https://" + domain + ":" + httpsPort + "/mcp");
        assertThat(moved.headers().firstValue("Strict-Transport-Security")).as("HSTS is off by default").isEmpty();
        assertThat(awaitHttps(domain, pebble.issuingRoot()).response()).startsWith("HTTP/1.1 200");
    }

    @Test
    @Order(5)
    void aShortLivedCertificateRenewsItselfAndAnAcmeOutageShowsAsFailing() throws Exception {
        String domain = "renew.shop.test";
        cli.ok(anywhere, "domains", "add", domain, "-a", APP);
        dns.setTxt("_nextmcp-challenge." + domain, token(APP, domain));
        dns.addA(domain, "127.0.0.1");
        cli.ok(anywhere, "domains", "verify", domain, "-a", APP);
        awaitState(APP, domain, "active");
        X509Certificate root = pebble.issuingRoot();
        BigInteger first = awaitHttps(domain, root).leaf().getSerialNumber();
        // Issued for 90 s and renewed 60 s before expiry: a new certificate is served about 30 s later, with no restart.
        BigInteger renewed = Polling.await("a renewed certificate for " + domain, Duration.ofSeconds(90), () -> {
            try {
                BigInteger serial = https(domain, root).leaf().getSerialNumber();
                return serial.equals(first) ? Optional.empty() : Optional.of(serial);
            } catch (Exception e) {
                return Optional.empty();
            }
        }, () -> platform.logText() + pebble.log());
        assertThat(renewed).isNotEqualTo(first);

        pebble.stop();
        JsonNode failing = awaitState(APP, domain, "failing");
        assertThat(failing.path("reason").asText()).contains("certificate renewal failed")
                .contains("could not be reached").contains("next attempt at");
        assertThat(https(domain, root).leaf().getSerialNumber()).as("the valid certificate is still served").isEqualTo(renewed);
        assertThat(cli.ok(anywhere, "logs", "-a", APP)).contains("Domain " + domain + ": certificate renewal failed");

        pebble.start();
        awaitState(APP, domain, "active");
        assertThat(awaitHttps(domain, pebble.issuingRoot()).response()).startsWith("HTTP/1.1 200");
    }

    private static String token(String app, String domain) throws IOException {
        return token(cli, app, domain);
    }

    private static String token(Cli who, String app, String domain) throws IOException {
        for (JsonNode d : JSON.readTree(who.ok(anywhere, "domains", "list", "-a", app, "--json"))) {
            if (d.path("hostname").asText().equals(domain)) {
                return d.path("dnsRecords").get(0).path("value").asText();
            }
        }
        throw new AssertionError(domain + " is not listed for " + app);
    }

    private static JsonNode awaitState(String app, String domain, String state) {
        JsonNode[] last = new JsonNode[1];
        return Polling.await(domain + " to be " + state, WAIT, () -> {
            try {
                for (JsonNode d : JSON.readTree(cli.ok(anywhere, "domains", "list", "-a", app, "--json"))) {
                    if (d.path("hostname").asText().equals(domain)) {
                        last[0] = d;
                        return state.equals(d.path("state").asText()) ? Optional.of(d) : Optional.empty();
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, () -> "last: " + last[0] + "\n" + platform.logText() + "\n" + pebble.log());
    }

    private static HttpRequest domainHttp(String domain) {
        return HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/mcp")).header("Host", domain)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static void awaitStatus(String domain, int expected) {
        int[] last = new int[1];
        Polling.await("http://" + domain + "/mcp to answer " + expected, Duration.ofSeconds(15), () -> {
            last[0] = status(domainHttp(domain));
            return last[0] == expected ? Optional.of(true) : Optional.empty();
        }, () -> "last status " + last[0] + "\n" + platform.logText());
    }

    private static int status(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record TlsAnswer(X509Certificate leaf, String response) {
    }

    /** Routers load a new certificate on NOTIFY, just after the state the CLI shows: wait for the handshake to succeed. */
    private static TlsAnswer awaitHttps(String domain, X509Certificate root) {
        Exception[] last = new Exception[1];
        return Polling.await("HTTPS for " + domain + " with a certificate pebble signed", Duration.ofSeconds(15), () -> {
            try {
                return Optional.of(https(domain, root));
            } catch (Exception e) {
                last[0] = e;
                return Optional.empty();
            }
        }, () -> "last: " + last[0] + "\n" + platform.logText());
    }

    /**
     * An MCP initialize over TLS to the router's HTTPS port, sending {@code domain} as SNI and
     * Host, trusting only pebble's root and checking the certificate names the domain.
     */
    private static TlsAnswer https(String domain, X509Certificate root) throws Exception {
        SSLContext trust = Pebble.trusting(root);
        Socket plain = new Socket("127.0.0.1", httpsPort);
        try (SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, domain, httpsPort, true)) {
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.setSoTimeout(15_000);
            tls.startHandshake();
            X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
            OutputStream out = tls.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + domain + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = tls.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return new TlsAnswer(leaf, response.toString(StandardCharsets.UTF_8));
        }
    }
}
