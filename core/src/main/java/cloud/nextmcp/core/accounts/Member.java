package cloud.nextmcp.core.accounts;

import java.time.Instant;

/** A user seen from one team. */
public record Member(long userId, String email, String name, Role role, Instant joinedAt) {
}
