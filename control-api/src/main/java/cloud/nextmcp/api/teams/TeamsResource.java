package cloud.nextmcp.api.teams;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Member;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.Team;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.TeamMembership;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Teams and their members. Viewers see the member list; Admins add, remove and re-role members;
 * only Owners grant or take the owner role. A team always keeps at least one Owner: the owner
 * rows are locked before any change that could remove the last one.
 */
@Path("/api/v1/teams")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class TeamsResource {
    private static final String NAME_CONSTRAINT = "teams_name_key";
    private static final String MEMBERSHIP_CONSTRAINT = "memberships_pkey";
    private static final String LAST_OWNER = "a team needs at least one owner; make another member owner first";

    private final Jdbi jdbi;
    private final Auditor auditor;
    private final Actors actors;

    public TeamsResource(Jdbi jdbi, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.auditor = auditor;
        this.actors = actors;
    }

    public record CreateTeam(String name) {
    }

    public record AddMember(String email, String role) {
    }

    public record ChangeRole(String role) {
    }

    @GET
    public List<TeamView> list(@Auth Caller caller) {
        return jdbi.withHandle(h -> h.attach(TeamDao.class).teamsOf(caller.userId())).stream().map(TeamView::of).toList();
    }

    @POST
    public Response create(@Auth Caller caller, CreateTeam body, @Context HttpServletRequest request) {
        Require.body(body, "{\"name\":\"acme\"}");
        String name = Require.text(body.name(), "name");
        String problem = TeamNames.problem(name);
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        Team team = jdbi.inTransaction(h -> {
            TeamDao teams = h.attach(TeamDao.class);
            Team created = UniqueViolation.insertOrEmpty(h, NAME_CONSTRAINT, () -> teams.insert(name, false))
                    .orElseThrow(() -> ApiException.conflict("team name '" + name + "' is taken; choose another"));
            teams.addMember(created.id(), caller.userId(), Role.OWNER.dbValue());
            auditor.record(h, actors.of(caller, request), "team.create", name, Map.of());
            return created;
        });
        return Response.status(Response.Status.CREATED)
                .entity(new TeamView(team.name(), Role.OWNER.dbValue(), false, team.createdAt())).build();
    }

    @GET
    @Path("/{team}/members")
    public List<MemberView> members(@Auth Caller caller, @PathParam("team") String team) {
        return jdbi.withHandle(h -> {
            TeamMembership membership = TeamAccess.member(h, caller, team);
            return h.attach(TeamDao.class).members(membership.teamId()).stream().map(MemberView::of).toList();
        });
    }

    @POST
    @Path("/{team}/members")
    public Response addMember(@Auth Caller caller, @PathParam("team") String team, AddMember body,
                              @Context HttpServletRequest request) {
        Require.body(body, "{\"email\":\"bob@example.com\",\"role\":\"member\"}");
        String email = Require.text(body.email(), "email");
        Role role = body.role() == null ? Role.MEMBER : parseRole(body.role());
        MemberView added = jdbi.inTransaction(h -> {
            TeamMembership me = TeamAccess.require(h, caller, team, Role.ADMIN, "adding members");
            if (role == Role.OWNER) {
                TeamAccess.requireRole(me.role(), Role.OWNER, "adding an owner", "team '" + team + "'");
            }
            if (me.personal()) {
                throw ApiException.invalid("'" + team + "' is your personal team and has no other members; "
                        + "create a team to work with others (POST /api/v1/teams)");
            }
            User user = h.attach(UserDao.class).findByEmail(email)
                    .orElseThrow(() -> ApiException.notFound("no user with email " + email + "; they need to register first"));
            TeamDao teams = h.attach(TeamDao.class);
            UniqueViolation.insertOrEmpty(h, MEMBERSHIP_CONSTRAINT, () -> {
                teams.addMember(me.teamId(), user.id(), role.dbValue());
                return user;
            }).orElseThrow(() -> ApiException.conflict(user.email() + " is already a member of team '" + team + "'"));
            // Members may call the team's private apps: routers re-read who may.
            EventBus.publish(h, Channels.ACCESS, "");
            auditor.record(h, actors.of(caller, request), "team.member.add", team,
                    Map.of("email", user.email(), "role", role.dbValue()));
            return MemberView.of(find(teams, me.teamId(), user.email(), team));
        });
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    @PUT
    @Path("/{team}/members/{email}")
    public MemberView changeRole(@Auth Caller caller, @PathParam("team") String team, @PathParam("email") String email,
                                 ChangeRole body, @Context HttpServletRequest request) {
        Require.body(body, "{\"role\":\"admin\"}");
        Role role = parseRole(Require.text(body.role(), "role"));
        return jdbi.inTransaction(h -> {
            TeamDao teams = h.attach(TeamDao.class);
            int owners = lockOwners(h, caller, team);
            TeamMembership me = TeamAccess.require(h, caller, team, Role.ADMIN, "changing roles");
            Member target = find(teams, me.teamId(), email, team);
            if (target.role() == role) {
                return MemberView.of(target);
            }
            if (target.role() == Role.OWNER || role == Role.OWNER) {
                TeamAccess.requireRole(me.role(), Role.OWNER, "granting or revoking the owner role", "team '" + team + "'");
            }
            if (target.role() == Role.OWNER && owners <= 1) {
                throw ApiException.conflict(LAST_OWNER);
            }
            teams.setRole(me.teamId(), target.userId(), role.dbValue());
            auditor.record(h, actors.of(caller, request), "team.member.role", team,
                    Map.of("email", target.email(), "from", target.role().dbValue(), "to", role.dbValue()));
            return MemberView.of(find(teams, me.teamId(), target.email(), team));
        });
    }

    @DELETE
    @Path("/{team}/members/{email}")
    public Response removeMember(@Auth Caller caller, @PathParam("team") String team, @PathParam("email") String email,
                                 @Context HttpServletRequest request) {
        jdbi.useTransaction(h -> {
            TeamDao teams = h.attach(TeamDao.class);
            int owners = lockOwners(h, caller, team);
            TeamMembership me = TeamAccess.member(h, caller, team);
            Member target = find(teams, me.teamId(), email, team);
            boolean leaving = target.userId() == caller.userId();
            if (!leaving) {
                TeamAccess.requireRole(me.role(), Role.ADMIN, "removing members", "team '" + team + "'");
                if (target.role() == Role.OWNER) {
                    TeamAccess.requireRole(me.role(), Role.OWNER, "removing an owner", "team '" + team + "'");
                }
            }
            if (target.role() == Role.OWNER && owners <= 1) {
                throw ApiException.conflict(LAST_OWNER);
            }
            teams.removeMember(me.teamId(), target.userId());
            EventBus.publish(h, Channels.ACCESS, "");
            auditor.record(h, actors.of(caller, request), "team.member.remove", team,
                    Map.of("email", target.email(), "role", target.role().dbValue()));
        });
        return Response.noContent().build();
    }

    /**
     * Locks the team's owner rows before anything is decided, so two concurrent demotions or
     * removals see each other's result and cannot both pass the last-owner check.
     */
    private static int lockOwners(Handle h, Caller caller, String team) {
        return h.attach(TeamDao.class).countOwnersForUpdate(TeamAccess.member(h, caller, team).teamId());
    }

    private static Member find(TeamDao teams, long teamId, String email, String team) {
        return teams.members(teamId).stream().filter(m -> m.email().equalsIgnoreCase(email)).findFirst()
                .orElseThrow(() -> ApiException.notFound(email + " is not a member of team '" + team + "'"));
    }

    private static Role parseRole(String value) {
        try {
            return Role.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }
}
