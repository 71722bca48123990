package cloud.nextmcp.router.domains;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.router.tls.SniCertificates;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.Mapping;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's own answers for custom domains and its SNI choice, from a snapshot. */
class DomainAnswersTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static SslContext context(String name) throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=" + name).addSanDnsName(name).ecp256().setIsCertificateAuthority(true)
                .notBefore(NOW.minusSeconds(3600)).notAfter(NOW.plusSeconds(3600)).buildSelfSigned();
        return SslContextBuilder.forServer(cert.toKeyManagerFactory()).build();
    }

    private static DomainSnapshot snapshot(SslContext ctx, Instant notAfter, boolean redirect) {
        return new DomainSnapshot(Map.of("tok123", new DomainSnapshot.Challenge("mcp.example.com", "tok123.thumb")),
                Map.of("mcp.example.com", new DomainSnapshot.Served(1, "v1", ctx, notAfter, redirect)), Map.of());
    }

    @Test
    void challengeAnswersOnlyForTheHostTheyWereIssuedFor() throws Exception {
        DomainSnapshot snapshot = snapshot(context("mcp.example.com"), NOW.plusSeconds(60), true);
        DomainAnswers answers = new DomainAnswers(() -> snapshot, 8443, CLOCK);
        FullHttpResponse ok = answers.answer("MCP.example.com:8080", "/.well-known/acme-challenge/tok123", false);
        assertThat(ok.status().code()).isEqualTo(200);
        assertThat(ok.content().toString(StandardCharsets.US_ASCII)).isEqualTo("tok123.thumb");
        ok.release();
        assertThat(answers.answers("other.example.com", "/.well-known/acme-challenge/tok123")).isFalse();
        assertThat(answers.answers("mcp.example.com", "/.well-known/acme-challenge/unknown")).as("not redirected either").isFalse();
    }

    @Test
    void redirectsToHttpsOnlyWhenAskedAndACertificateIsValid() throws Exception {
        SslContext ctx = context("mcp.example.com");
        FullHttpResponse moved = new DomainAnswers(() -> snapshot(ctx, NOW.plusSeconds(60), true), 8443, CLOCK)
                .answer("mcp.example.com", "/mcp?x=1", true);
        assertThat(moved.status().code()).isEqualTo(301);
        assertThat(moved.headers().get("Location")).isEqualTo("https://mcp.example.com:8443/mcp?x=1");
        assertThat(moved.headers().get("Connection")).isEqualTo("close");
        moved.release();
        assertThat(new DomainAnswers(() -> snapshot(ctx, NOW.plusSeconds(60), true), 443, CLOCK)
                .answer("mcp.example.com", "/", false).headers().get("Location")).isEqualTo("https://mcp.example.com/");
        assertThat(new DomainAnswers(() -> snapshot(ctx, NOW.plusSeconds(60), false), 8443, CLOCK).answers("mcp.example.com", "/")).isFalse();
        assertThat(new DomainAnswers(() -> snapshot(ctx, NOW.minusSeconds(1), true), 8443, CLOCK).answers("mcp.example.com", "/"))
                .as("expired").isFalse();
        assertThat(new DomainAnswers(() -> snapshot(ctx, NOW.plusSeconds(60), true), -1, CLOCK).answers("mcp.example.com", "/"))
                .as("no HTTPS listener").isFalse();
    }

    @Test
    void sniPrefersAValidDomainCertificateAndNeverServesAnExpiredOne() throws Exception {
        SslContext own = context("mcp.example.com");
        SslContext fallback = context("apps.example.net");
        Mapping<String, SslContext> configured = name -> fallback;
        assertThat(new SniCertificates(() -> snapshot(own, NOW.plusSeconds(60), false), configured, CLOCK).map("MCP.Example.com"))
                .isSameAs(own);
        assertThat(new SniCertificates(() -> snapshot(own, NOW.minusSeconds(1), false), configured, CLOCK).map("mcp.example.com"))
                .isSameAs(fallback);
        assertThat(new SniCertificates(() -> snapshot(own, NOW.plusSeconds(60), false), configured, CLOCK).map("random.example.com"))
                .isSameAs(fallback);
        assertThat(new SniCertificates(() -> snapshot(own, NOW.plusSeconds(60), false), configured, CLOCK).map(null)).isSameAs(fallback);
    }

    @Test
    void anAcmeWildcardCoversOneLabelUnderTheAppsDomain() throws Exception {
        SslContext wildcard = context("apps.example.net");
        SslContext fallback = context("fallback.example.net");
        DomainSnapshot snapshot = new DomainSnapshot(Map.of(), Map.of(),
                Map.of("apps.example.net", new DomainSnapshot.Served(0, "w1", wildcard, NOW.plusSeconds(60), false)));
        SniCertificates sni = new SniCertificates(() -> snapshot, name -> fallback, CLOCK);
        assertThat(sni.map("weather.apps.example.net")).isSameAs(wildcard);
        assertThat(sni.map("apps.example.net")).isSameAs(wildcard);
        assertThat(sni.map("a.b.apps.example.net")).as("a wildcard covers one label").isSameAs(fallback);
        assertThat(sni.map("xapps.example.net")).isSameAs(fallback);
    }
}
