package cloud.nextmcp.core.releases;

import java.time.Instant;

/** One stored config var; the value is sealed (see {@link ConfigVars}). */
public record ConfigVar(long appId, String key, byte[] valueSealed, Instant updatedAt) {
}
