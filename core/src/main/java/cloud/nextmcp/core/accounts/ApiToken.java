package cloud.nextmcp.core.accounts;

import java.time.Instant;

public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt,
                       Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {
}
