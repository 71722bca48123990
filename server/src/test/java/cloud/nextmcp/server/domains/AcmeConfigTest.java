package cloud.nextmcp.server.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcmeConfigTest {
    @Test
    void offUntilADirectoryIsConfiguredWithRenewalThirtyDaysAhead() {
        AcmeConfig off = AcmeConfig.disabled();
        assertThat(off.enabled()).isFalse();
        assertThat(off.renewBefore()).isEqualTo(Duration.ofDays(30));
        AcmeConfig on = new AcmeConfig("https://acme.example/dir", " ", null, null, null, null, null, null, null, null);
        assertThat(on.enabled()).isTrue();
        assertThat(on.email()).isNull();
    }

    @Test
    void failedOrdersBackOffUpToTheMaximum() {
        AcmeConfig c = new AcmeConfig("https://acme.example/dir", null, null, null, null, Duration.ofMinutes(5),
                Duration.ofMinutes(30), null, null, null);
        assertThat(c.backoff(0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.backoff(2)).isEqualTo(Duration.ofMinutes(20));
        assertThat(c.backoff(3)).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.backoff(40)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void mistakesAreNamedAtStart(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> new AcmeConfig("ftp://acme.example/dir", null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("acme.directoryUrl must be an https URL");
        assertThatThrownBy(() -> new AcmeConfig("https://acme.example/dir", "ops", null, null, null, null, null, null, null, null))
                .hasMessageContaining("acme.email 'ops' is not an email address");
        assertThatThrownBy(() -> new AcmeConfig(null, null, null, Duration.ZERO, null, null, null, null, null, null))
                .hasMessageContaining("acme.renewBefore must be positive");
        Path notPem = Files.writeString(tmp.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> AcmeClient.trusting(notPem)).hasMessageContaining("acme.caCertificate");
        assertThatThrownBy(() -> AcmeClient.trusting(tmp.resolve("missing.pem"))).hasMessageContaining("cannot read");
    }

    @Test
    void aDnsUpdaterNeedsItsServerZoneAndTsigKey() {
        DnsUpdateConfig ok = new DnsUpdateConfig("127.0.0.1:53", "apps.example.com", "nextmcp", null, "c2VjcmV0");
        assertThat(ok.algorithm()).isEqualTo("hmac-sha256");
        assertThatThrownBy(() -> new DnsUpdateConfig("127.0.0.1", "apps.example.com", null, null, "c2VjcmV0"))
                .hasMessageContaining("acme.dnsUpdate needs server, zone, keyName and secret");
        assertThatThrownBy(() -> new DnsUpdateConfig("127.0.0.1", "apps.example.com", "nextmcp", null, "not base64!"))
                .hasMessageContaining("acme.dnsUpdate.secret is not base64");
    }
}
