package cloud.nextmcp.router.domains;

import io.netty.handler.ssl.SslContext;
import java.time.Instant;
import java.util.Map;

/**
 * What the router knows about custom domains, swapped whole on NOTIFY {@code domains}: pending
 * HTTP-01 answers by token, the certificates of verified domains by host name, and ACME-issued
 * wildcard certificates by apps domain.
 */
public record DomainSnapshot(Map<String, Challenge> challenges, Map<String, Served> certificates, Map<String, Served> wildcards,
                             boolean redirects) {
    public static final DomainSnapshot EMPTY = new DomainSnapshot(Map.of(), Map.of(), Map.of());

    public DomainSnapshot {
        challenges = Map.copyOf(challenges);
        certificates = Map.copyOf(certificates);
        wildcards = Map.copyOf(wildcards);
    }

    /** {@code redirects} is computed: true when some domain asked for the HTTPS redirect, so other requests skip the lookup. */
    public DomainSnapshot(Map<String, Challenge> challenges, Map<String, Served> certificates, Map<String, Served> wildcards) {
        this(challenges, certificates, wildcards, certificates.values().stream().anyMatch(Served::redirectHttp));
    }

    /** A verified domain's own certificate, else the wildcard covering the name (one label under an apps domain), else null. */
    public Served certificateFor(String hostname) {
        Served own = certificates.get(hostname);
        if (own != null) {
            return own;
        }
        for (Map.Entry<String, Served> w : wildcards.entrySet()) {
            String domain = w.getKey();
            if (hostname.equals(domain) || hostname.endsWith("." + domain)
                    && hostname.indexOf('.') == hostname.length() - domain.length() - 1) {
                return w.getValue();
            }
        }
        return null;
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
