package cloud.nextmcp.core.domains;

import static cloud.nextmcp.core.domains.DomainState.ACTIVE;
import static cloud.nextmcp.core.domains.DomainState.FAILING;
import static cloud.nextmcp.core.domains.DomainState.PENDING_CERTIFICATE;
import static cloud.nextmcp.core.domains.DomainState.PENDING_DNS;
import static cloud.nextmcp.core.domains.DomainState.PENDING_OWNERSHIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainStateTest {
    @Test
    void ownershipComesFirstThenDnsThenTheCertificate() {
        assertThat(DomainState.afterDnsCheck(false, true, true, false)).isEqualTo(PENDING_OWNERSHIP);
        assertThat(DomainState.afterDnsCheck(true, false, true, false)).isEqualTo(PENDING_DNS);
        assertThat(DomainState.afterDnsCheck(true, true, false, false)).isEqualTo(PENDING_CERTIFICATE);
        assertThat(DomainState.afterDnsCheck(true, true, true, false)).isEqualTo(ACTIVE);
    }

    @Test
    void aFailingCertificateStaysFailingUntilANewOneIsIssued() {
        assertThat(DomainState.afterDnsCheck(true, true, true, true)).isEqualTo(FAILING);
        assertThat(DomainState.afterDnsCheck(true, true, false, true)).isEqualTo(FAILING);
        assertThat(DomainState.afterDnsCheck(true, false, true, true)).isEqualTo(PENDING_DNS);
    }

    @Test
    void onlyPendingOwnershipIsUnverifiedAndLabelsAreWords() {
        assertThat(PENDING_OWNERSHIP.verified()).isFalse();
        assertThat(List.of(PENDING_DNS, PENDING_CERTIFICATE, ACTIVE, FAILING)).allMatch(DomainState::verified);
        assertThat(PENDING_CERTIFICATE.label()).isEqualTo("pending certificate");
        assertThat(DomainState.fromDb("pending_dns")).isEqualTo(PENDING_DNS);
    }

    @Test
    void pendingChecksBackOffUpToTheMaximum() {
        DomainsConfig c = new DomainsConfig(null, null, null, Duration.ofSeconds(10), Duration.ofSeconds(60), null, null, null);
        assertThat(c.backoff(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.backoff(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.backoff(2)).isEqualTo(Duration.ofSeconds(40));
        assertThat(c.backoff(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.backoff(50)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void configurationIsCheckedWithActionableMessages() {
        assertThat(new DomainsConfig(" Edge.Example.NET ", List.of("127.0.0.1:8053, 10.0.0.53"), null, null, null, null, null, null))
                .satisfies(c -> {
                    assertThat(c.target()).isEqualTo("edge.example.net");
                    assertThat(c.resolvers()).containsExactly("127.0.0.1:8053", "10.0.0.53");
                });
        assertThatThrownBy(() -> new DomainsConfig(null, null, null, Duration.ofMinutes(5), Duration.ofMinutes(1), null, null, null))
                .hasMessageContaining("domains.pendingRecheckMax");
        assertThatThrownBy(() -> new DomainsConfig(null, null, Duration.ZERO, null, null, null, null, null))
                .hasMessageContaining("domains.checkInterval must be positive");
        assertThatThrownBy(() -> new DomainsConfig(null, List.of("dns server;rm"), null, null, null, null, null, null))
                .hasMessageContaining("domains.resolvers");
    }
}
