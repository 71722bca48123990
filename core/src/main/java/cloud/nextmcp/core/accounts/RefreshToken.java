package cloud.nextmcp.core.accounts;

import java.time.Instant;
import java.util.UUID;

public record RefreshToken(long id, long userId, UUID family, Instant createdAt, Instant expiresAt,
                           Instant usedAt, Instant revokedAt) {
}
