package cloud.nextmcp.core.oauth;

import java.time.Instant;
import java.util.UUID;

public record OAuthRefreshToken(long id, UUID family, String clientId, long userId, long appId, String resource,
                                Instant expiresAt, Instant usedAt, Instant revokedAt) {
}
