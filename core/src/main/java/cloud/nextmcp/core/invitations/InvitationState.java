package cloud.nextmcp.core.invitations;

/**
 * Where an invitation stands. PENDING is the only state it leaves: to ACCEPTED (once, by the
 * invited address), to REVOKED (by an Admin/Owner, or replaced by a newer invitation for the same
 * address) or, by time alone, to EXPIRED.
 */
public enum InvitationState {
    PENDING, ACCEPTED, REVOKED, EXPIRED
}
