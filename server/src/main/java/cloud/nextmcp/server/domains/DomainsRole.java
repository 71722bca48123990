package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.secrets.SecretBox;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of custom domains, run with the builder role: the DNS verifier and, when
 * ACME is configured, the certificate manager. Any number of replicas may run them; each claims
 * due domains with {@code SKIP LOCKED}.
 */
public final class DomainsRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DomainsRole.class);

    private final DomainVerifier verifier;
    private final CertificateManager certificates;
    private final WildcardCertificates wildcard;

    /** secretBox seals certificates and the ACME account key; appsDomain: the wildcard certificate's domain. */
    public DomainsRole(DomainsConfig domains, AcmeConfig acme, String appsDomain, Jdbi jdbi, EventBus events,
                       SecretBox secretBox, Clock clock) {
        DomainCheck check = new DomainCheck(new DnsLookup(domains.resolvers(), domains.dnsTimeout()), domains.target());
        this.verifier = new DomainVerifier(domains, jdbi, events, check, clock, acme.enabled());
        AcmeClient client = acme.enabled() ? new AcmeClient(acme, jdbi, secretBox, clock) : null;
        this.certificates = client == null ? null : new CertificateManager(acme, jdbi, events, secretBox, client, clock);
        this.wildcard = client == null || acme.dnsUpdate() == null ? null : new WildcardCertificates(acme, appsDomain, jdbi,
                events, secretBox, client, new DnsUpdater(acme.dnsUpdate(), domains.dnsTimeout()), clock);
    }

    public void start() {
        verifier.start();
        if (wildcard != null) {
            wildcard.start();
        }
        if (certificates != null) {
            certificates.start();
        } else {
            LOG.info("acme.directoryUrl is not set: custom domains are served over HTTP only, no certificates are ordered");
        }
    }

    @Override
    public void close() {
        verifier.close();
        if (certificates != null) {
            certificates.close();
        }
        if (wildcard != null) {
            wildcard.close();
        }
    }
}
