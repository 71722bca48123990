package cloud.nextmcp.api.dashboard.team;

import cloud.nextmcp.api.dashboard.Notices;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.teams.InvitationView;
import cloud.nextmcp.api.teams.InvitationsResource;
import cloud.nextmcp.api.teams.MemberView;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.teams.TeamView;
import cloud.nextmcp.api.teams.TeamsResource;
import cloud.nextmcp.core.accounts.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * Teams: create one, see members and roles, add by e-mail, invite by e-mail (the link is shown
 * once, on the page that answers the invite), change a role, remove, revoke an invitation (the
 * Owner rules are {@link TeamsResource}'s and {@link InvitationsResource}'s, which every action here
 * goes through).
 */
@Path("/teams")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class TeamPages {
    private final TeamsResource teams;
    private final InvitationsResource invitations;

    public TeamPages(TeamsResource teams, InvitationsResource invitations) {
        this.teams = teams;
        this.invitations = invitations;
    }

    /** A team with its members and open invitations, when the caller may see them, and whether the caller may manage them. */
    public record TeamRow(TeamView team, List<MemberView> members, List<InvitationView> invitations, boolean canManage) {
    }

    @GET
    public Response page(@QueryParam("notice") String notice, @Context ContainerRequestContext context) {
        return page(DashboardSession.of(context)).withNotice(Notices.text(notice)).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @Context ContainerRequestContext context,
                           @Context HttpServletRequest request) {
        return act(context, "team-created",
                () -> teams.create(DashboardSession.of(context).caller(), new TeamsResource.CreateTeam(name), request));
    }

    @POST
    @Path("/{team}/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("team") String team, @FormParam("email") String email, @FormParam("role") String role,
                        @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, "member-added", () -> teams.addMember(DashboardSession.of(context).caller(), team,
                new TeamsResource.AddMember(email, role), request));
    }

    /** Answers with the page itself (no redirect), the only time the link's secret can be shown. */
    @POST
    @Path("/{team}/invitations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@PathParam("team") String team, @FormParam("email") String email, @FormParam("role") String role,
                           @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        try {
            InvitationView created = (InvitationView) invitations.invite(session.caller(), team,
                    new InvitationsResource.Invite(email, role), request).getEntity();
            return page(session).with("created", created).respond(201);
        } catch (ApiException e) {
            return page(session).withError(e.getMessage()).respond(e.status());
        }
    }

    @POST
    @Path("/{team}/invitations/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("team") String team, @PathParam("id") String id,
                           @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, "invitation-revoked",
                () -> invitations.revoke(DashboardSession.of(context).caller(), team, id, request));
    }

    @POST
    @Path("/{team}/members/{email}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response role(@PathParam("team") String team, @PathParam("email") String email, @FormParam("role") String role,
                         @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, "role-changed", () -> teams.changeRole(DashboardSession.of(context).caller(), team, email,
                new TeamsResource.ChangeRole(role), request));
    }

    @POST
    @Path("/{team}/members/{email}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("team") String team, @PathParam("email") String email,
                           @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, "member-removed",
                () -> teams.removeMember(DashboardSession.of(context).caller(), team, email, request));
    }

    private Response act(ContainerRequestContext context, String notice, Supplier<?> action) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, URI.create("/teams?notice=" + notice), () -> page(session), action);
    }

    private Page page(DashboardSession session) {
        List<TeamRow> rows = teams.list(session.caller()).stream().map(team -> {
            boolean manage = Role.parse(team.role()).atLeast(Role.ADMIN) && !team.personal();
            List<MemberView> members = team.personal() ? List.of() : teams.members(session.caller(), team.name());
            List<InvitationView> open = team.personal() ? List.of() : invitations.list(session.caller(), team.name());
            return new TeamRow(team, members, open, manage);
        }).toList();
        return new Page("teams.ftlh", "Teams", session).with("rows", rows)
                .with("roles", List.of("viewer", "member", "admin", "owner"));
    }
}
