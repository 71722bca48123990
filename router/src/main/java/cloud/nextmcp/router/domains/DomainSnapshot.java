package cloud.nextmcp.router.domains;

import io.netty.handler.ssl.SslContext;
import java.time.Instant;
import java.util.Map;

/**
 * What the router knows about custom domains, swapped whole on NOTIFY {@code domains}: pending
 * HTTP-01 answers by token, and the certificates of verified domains by host name.
 */
public record DomainSnapshot(Map<String, Challenge> challenges, Map<String, Served> certificates) {
    public static final DomainSnapshot EMPTY = new DomainSnapshot(Map.of(), Map.of());

    public DomainSnapshot {
        challenges = Map.copyOf(challenges);
        certificates = Map.copyOf(certificates);
    }

    /** An HTTP-01 answer for one host name. */
    public record Challenge(String hostname, String keyAuthorization) {
    }

    /**
     * A loaded certificate. {@code version} identifies the stored row's content so a reload reuses
     * the parsed context when nothing changed.
     */
    public record Served(long domainId, String version, SslContext context, Instant notAfter, boolean redirectHttp) {
        public boolean validAt(Instant now) {
            return now.isBefore(notAfter);
        }
    }

    public int size() {
        return certificates.size();
    }
}
