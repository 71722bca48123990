package cloud.nextmcp.api.teams;

import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.TeamMembership;
import org.jdbi.v3.core.Handle;

/**
 * The caller's standing in a team. Not being a member reads as "not found", the same answer as
 * for a team that does not exist, so team names do not leak; a member whose role is too weak
 * gets 403 naming the role needed.
 */
public final class TeamAccess {
    private TeamAccess() {
    }

    public static TeamMembership member(Handle handle, Caller caller, String team) {
        return handle.attach(TeamDao.class).membership(caller.userId(), team)
                .orElseThrow(() -> ApiException.notFound("team '" + team + "' not found (or you are not a member of it)"));
    }

    public static TeamMembership require(Handle handle, Caller caller, String team, Role needed, String action) {
        TeamMembership membership = member(handle, caller, team);
        requireRole(membership.role(), needed, action, "team '" + team + "'");
        return membership;
    }

    /** 403 unless {@code actual} is {@code needed} or stronger. */
    public static void requireRole(Role actual, Role needed, String action, String where) {
        if (!actual.atLeast(needed)) {
            throw ApiException.forbidden("your role in " + where + " is " + actual.dbValue() + "; " + action
                    + " needs " + needed.dbValue() + (needed == Role.OWNER ? "" : " or higher"));
        }
    }
}
