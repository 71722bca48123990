package cloud.nextmcp.api.teams;

import cloud.nextmcp.api.audit.Actor;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.TeamMembership;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.invitations.Invitation;
import cloud.nextmcp.core.invitations.InvitationDao;
import cloud.nextmcp.core.invitations.InvitationState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Team invitations, the one writer of {@code team_invitations}. The platform sends no mail: an
 * invitation is a single-use link whose secret is shown once to the inviter and stored hashed.
 * Since the platform does not verify e-mail addresses, holding the link is not enough: it is
 * accepted only by a signed-in account with the invited address, so a leaked link alone lets
 * nobody else in.
 */
public final class Invitations {
    /** How long a link stays usable. */
    public static final Duration TTL = Duration.ofDays(7);
    private static final String OPEN_CONSTRAINT = "team_invitations_open";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Auditor auditor;
    private final String dashboardUrl;
    private final Clock clock;

    public Invitations(Jdbi jdbi, Secrets secrets, Auditor auditor, String dashboardUrl, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.auditor = auditor;
        this.dashboardUrl = dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1) : dashboardUrl;
        this.clock = clock;
    }

    /** A new invitation with its secret link, which is never shown again. */
    public record Created(Invitation invitation, String code, String url) {
    }

    /** Admins and Owners invite; only an Owner invites an Owner. A newer invitation replaces an open one. */
    public Created invite(Caller caller, Actor actor, String team, String email, Role role) {
        String address = email.strip();
        if (!EMAIL.matcher(address).matches()) {
            throw ApiException.invalid("'" + email + "' is not an e-mail address");
        }
        String code = secrets.newInvitationCode();
        Invitation invitation = jdbi.inTransaction(h -> {
            TeamMembership me = TeamAccess.require(h, caller, team, Role.ADMIN, "inviting members");
            if (role == Role.OWNER) {
                TeamAccess.requireRole(me.role(), Role.OWNER, "inviting an owner", "team '" + team + "'");
            }
            if (me.personal()) {
                throw ApiException.invalid("'" + team + "' is your personal team and has no other members; "
                        + "create a team to work with others (POST /api/v1/teams)");
            }
            boolean member = h.attach(TeamDao.class).members(me.teamId()).stream()
                    .anyMatch(m -> m.email().equalsIgnoreCase(address));
            if (member) {
                throw ApiException.conflict(address + " is already a member of team '" + team + "'");
            }
            InvitationDao invitations = h.attach(InvitationDao.class);
            invitations.revokeOpen(me.teamId(), address);
            // Two invitations of one address racing: the unique index lets one through, the other is told.
            long id = UniqueViolation.insertOrEmpty(h, OPEN_CONSTRAINT, () -> invitations.insert(me.teamId(), address,
                            role.dbValue(), Secrets.hash(code), caller.userId(), clock.instant().plus(TTL)))
                    .orElseThrow(() -> ApiException.conflict("another invitation of " + address + " to team '" + team
                            + "' was made at the same moment; see GET /api/v1/teams/" + team + "/invitations"));
            auditor.record(h, actor, "team.invitation.create", team,
                    Map.of("id", id, "email", address, "role", role.dbValue()));
            return invitations.find(id).orElseThrow();
        });
        return new Created(invitation, code, url(code));
    }

    /** Open invitations of the team (expired ones included until revoked); any member may see them. */
    public List<Invitation> open(Caller caller, String team) {
        return jdbi.withHandle(h -> h.attach(InvitationDao.class).open(TeamAccess.member(h, caller, team).teamId()));
    }

    /** Admins and Owners revoke; an invitation to become Owner only an Owner revokes. */
    public void revoke(Caller caller, Actor actor, String team, long id) {
        jdbi.useTransaction(h -> {
            TeamMembership me = TeamAccess.require(h, caller, team, Role.ADMIN, "revoking invitations");
            InvitationDao invitations = h.attach(InvitationDao.class);
            Invitation invitation = invitations.find(id).filter(i -> i.teamId() == me.teamId())
                    .orElseThrow(() -> notFound(team, id));
            if (invitation.role() == Role.OWNER) {
                TeamAccess.requireRole(me.role(), Role.OWNER, "revoking an invitation to be owner", "team '" + team + "'");
            }
            if (invitations.revoke(me.teamId(), id) == 0) {
                throw ApiException.conflict("invitation " + id + " is already " + invitation.state(clock.instant())
                        .name().toLowerCase(Locale.ROOT) + "; nothing to revoke");
            }
            auditor.record(h, actor, "team.invitation.revoke", team, Map.of("id", id, "email", invitation.email()));
        });
    }

    /** The invitation a link names, whatever its state, for the page that offers to accept it. */
    public Invitation lookup(String code) {
        return jdbi.withHandle(h -> h.attach(InvitationDao.class).findByHash(Secrets.hash(codeOf(code))))
                .orElseThrow(Invitations::unknownLink);
    }

    /**
     * Joins the caller to the team with the invited role. The caller's address must be the invited
     * one; the row is locked so that a link is used once even by two concurrent requests.
     */
    public Invitation accept(Caller caller, Actor actor, String code) {
        String secret = codeOf(code);
        return jdbi.inTransaction(h -> {
            InvitationDao invitations = h.attach(InvitationDao.class);
            Invitation invitation = invitations.findByHashForUpdate(Secrets.hash(secret)).orElseThrow(Invitations::unknownLink);
            InvitationState state = invitation.state(clock.instant());
            switch (state) {
                case ACCEPTED -> throw ApiException.conflict("this invitation to team '" + invitation.teamName()
                        + "' was already accepted; a link works once");
                case REVOKED -> throw new ApiException(410, "gone", "this invitation to team '" + invitation.teamName()
                        + "' was revoked; ask an admin of the team for a new one");
                case EXPIRED -> throw new ApiException(410, "gone", "this invitation to team '" + invitation.teamName()
                        + "' expired on " + invitation.expiresAt() + "; ask an admin of the team for a new one");
                case PENDING -> {
                }
            }
            if (!invitation.email().equalsIgnoreCase(caller.email())) {
                throw ApiException.forbidden("this invitation is for " + invitation.email() + " but you are signed in as "
                        + caller.email() + "; sign in (or sign up) as " + invitation.email() + " to accept it");
            }
            TeamDao teams = h.attach(TeamDao.class);
            if (teams.membership(caller.userId(), invitation.teamName()).isPresent()) {
                throw ApiException.conflict("you are already a member of team '" + invitation.teamName() + "'");
            }
            teams.addMember(invitation.teamId(), caller.userId(), invitation.role().dbValue());
            invitations.accept(invitation.id(), caller.userId());
            // Members may call the team's private apps: routers re-read who may.
            EventBus.publish(h, Channels.ACCESS, "");
            auditor.record(h, actor, "team.invitation.accept", invitation.teamName(),
                    Map.of("id", invitation.id(), "email", invitation.email(), "role", invitation.role().dbValue()));
            return invitations.find(invitation.id()).orElseThrow();
        });
    }

    /** The link's secret, from the link itself or the bare code. */
    public static String codeOf(String linkOrCode) {
        String s = linkOrCode == null ? "" : linkOrCode.strip();
        int slash = s.lastIndexOf('/');
        String code = slash >= 0 ? s.substring(slash + 1) : s;
        if (!code.startsWith(Secrets.INVITATION_PREFIX)) {
            throw unknownLink();
        }
        return code;
    }

    private String url(String code) {
        return dashboardUrl + "/invite/" + code;
    }

    private static ApiException unknownLink() {
        return ApiException.notFound("this invitation link is not valid; check that you copied all of it, "
                + "or ask for a new one");
    }

    private static ApiException notFound(String team, long id) {
        return ApiException.notFound("team '" + team + "' has no invitation " + id
                + "; see GET /api/v1/teams/" + team + "/invitations");
    }

    public Instant now() {
        return clock.instant();
    }
}
