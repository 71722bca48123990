package cloud.nextmcp.core.accounts;

import java.time.Instant;

/** A team seen from one user: the team and that user's role in it. */
public record TeamMembership(long teamId, String teamName, boolean personal, Role role, Instant createdAt) {
}
