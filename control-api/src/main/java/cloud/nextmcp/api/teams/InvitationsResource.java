package cloud.nextmcp.api.teams;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Role;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Invitations to a team by e-mail, and accepting one with its link (see {@link Invitations}). Two
 * root paths, since {@code /api/v1/teams/{team}/invitations} must out-match {@link TeamsResource}'s root.
 */
@Path("/api/v1/teams/{team}/invitations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class InvitationsResource {
    private final Invitations invitations;
    private final Actors actors;

    public InvitationsResource(Invitations invitations, Actors actors) {
        this.invitations = invitations;
        this.actors = actors;
    }

    public Invitations invitations() {
        return invitations;
    }

    public record Invite(String email, String role) {
    }

    public record Accept(String code) {
    }

    @POST
    public Response invite(@Auth Caller caller, @PathParam("team") String team, Invite body,
                           @Context HttpServletRequest request) {
        Require.body(body, "{\"email\":\"bob@example.com\",\"role\":\"member\"}");
        String email = Require.maxLength(Require.text(body.email(), "email"), "email", 254);
        Role role = body.role() == null ? Role.MEMBER : parseRole(body.role());
        Invitations.Created created = invitations.invite(caller, actors.of(caller, request), team, email, role);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(InvitationView.created(created, invitations.now())).build();
    }

    @GET
    public List<InvitationView> list(@Auth Caller caller, @PathParam("team") String team) {
        return invitations.open(caller, team).stream().map(i -> InvitationView.of(i, invitations.now())).toList();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@Auth Caller caller, @PathParam("team") String team, @PathParam("id") String id,
                           @Context HttpServletRequest request) {
        long invitationId;
        try {
            invitationId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("team '" + team + "' has no invitation " + id
                    + "; see GET /api/v1/teams/" + team + "/invitations");
        }
        invitations.revoke(caller, actors.of(caller, request), team, invitationId);
        return Response.noContent().build();
    }

    /** Joins the team the link invites to, as the signed-in person, who must have the invited address. */
    public InvitationView accept(Caller caller, Accept body, HttpServletRequest request) {
        Require.body(body, "{\"code\":\"nmci_…\"}");
        String code = Require.text(body.code(), "code");
        return InvitationView.of(invitations.accept(caller, actors.of(caller, request), code), invitations.now());
    }

    /** {@code POST /api/v1/invitations/accept}. */
    @Path("/api/v1/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Accepting {
        private final InvitationsResource resource;

        public Accepting(InvitationsResource resource) {
            this.resource = resource;
        }

        @POST
        @Path("/accept")
        public InvitationView accept(@Auth Caller caller, Accept body, @Context HttpServletRequest request) {
            return resource.accept(caller, body, request);
        }
    }

    private static Role parseRole(String value) {
        try {
            return Role.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }
}
