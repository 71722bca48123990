package cloud.nextmcp.core.invitations;

import cloud.nextmcp.core.accounts.Role;
import java.time.Instant;

/** A team invitation as stored (without its secret), with the team's name and who invited. */
public record Invitation(long id, long teamId, String teamName, String email, Role role, String invitedBy,
                         Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant revokedAt) {

    public InvitationState state(Instant now) {
        if (acceptedAt != null) {
            return InvitationState.ACCEPTED;
        }
        if (revokedAt != null) {
            return InvitationState.REVOKED;
        }
        return expiresAt.isAfter(now) ? InvitationState.PENDING : InvitationState.EXPIRED;
    }
}
