package cloud.nextmcp.core.keys;

import java.time.Instant;

public record SshKey(long id, long userId, String keyType, int bits, String publicKey, String fingerprint,
                     String comment, Instant createdAt, Instant lastUsedAt) {
}
