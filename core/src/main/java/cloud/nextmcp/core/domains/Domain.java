package cloud.nextmcp.core.domains;

import java.time.Instant;

/** One claim of a host name by an app; see 011-domains.sql. */
public record Domain(long id, String hostname, long appId, String appName, long teamId, DomainState state, String reason,
                     String token, boolean redirectHttp, Instant verifiedAt, Instant txtMissingSince, int dnsFailures,
                     Instant nextCheckAt, Instant lastCheckedAt, int certFailures, Instant nextCertAt,
                     Instant certificateNotAfter, Instant createdAt) {

    public boolean verified() {
        return verifiedAt != null;
    }
}
