package cloud.nextmcp.api.keys;

import cloud.nextmcp.core.keys.SshKey;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

public record SshKeyView(long id, String type, int bits, String fingerprint, String comment,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) Instant lastUsedAt) {
    public static SshKeyView of(SshKey key) {
        return new SshKeyView(key.id(), key.keyType(), key.bits(), key.fingerprint(), key.comment(), key.createdAt(),
                key.lastUsedAt());
    }
}
