package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.events.EventBus;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The background work of custom domains, run with the builder role: the DNS verifier. Any number
 * of replicas may run it; each claims due domains with {@code SKIP LOCKED}.
 */
public final class DomainsRole implements AutoCloseable {
    private final DomainVerifier verifier;

    public DomainsRole(DomainsConfig domains, Jdbi jdbi, EventBus events, Clock clock) {
        DomainCheck check = new DomainCheck(new DnsLookup(domains.resolvers(), domains.dnsTimeout()), domains.target());
        this.verifier = new DomainVerifier(domains, jdbi, events, check, clock);
    }

    public void start() {
        verifier.start();
    }

    @Override
    public void close() {
        verifier.close();
    }
}
