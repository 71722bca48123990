package cloud.nextmcp.core.accounts;

import java.time.Instant;

/** appId is set for a token bound to one app (for calling it through the router); scopes are {@link TokenScope} values. */
public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt,
                       Instant lastUsedAt, Instant expiresAt, Instant revokedAt, Long appId, String[] scopes) {
}
