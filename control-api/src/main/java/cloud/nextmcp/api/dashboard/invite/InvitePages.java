package cloud.nextmcp.api.dashboard.invite;

import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SessionCookies;
import cloud.nextmcp.api.dashboard.session.SessionFilter;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.teams.InvitationView;
import cloud.nextmcp.api.teams.Invitations;
import cloud.nextmcp.api.teams.InvitationsResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * The page an invitation link opens. Anyone with the link sees which team and address it is for;
 * accepting needs a session as that address (sign up or log in come back here) and a CSRF token,
 * like every other form. The checks are {@link Invitations}', the same as the API's.
 */
@Path("/invite/{code}")
@DashboardPage
@Produces(MediaType.TEXT_HTML)
public final class InvitePages {
    private final InvitationsResource invitations;
    private final SessionCookies cookies;

    public InvitePages(InvitationsResource invitations, SessionCookies cookies) {
        this.invitations = invitations;
        this.cookies = cookies;
    }

    @GET
    public Response page(@PathParam("code") String code, @CookieParam(SessionCookies.SESSION) String refresh) {
        Optional<DashboardSession> session = cookies.resolve(refresh);
        try {
            return page(code, session.orElse(null)).ok();
        } catch (ApiException e) {
            return Page.problem(session.orElse(null), e);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@PathParam("code") String code, @FormParam(SessionFilter.CSRF_FIELD) String csrf,
                           @CookieParam(SessionCookies.SESSION) String refresh, @Context HttpServletRequest request) {
        Optional<DashboardSession> found = cookies.resolve(refresh);
        if (found.isEmpty()) {
            return Response.seeOther(URI.create("/login?next=" + next(code))).build();
        }
        DashboardSession session = found.get();
        if (!cookies.csrfMatches(session, csrf)) {
            return Page.problem(session, ApiException.forbidden(
                    "This form is out of date or did not come from the dashboard: reload the page and try again."));
        }
        try {
            invitations.accept(session.caller(), new InvitationsResource.Accept(code), request);
            return Response.seeOther(URI.create("/apps?notice=joined")).build();
        } catch (ApiException e) {
            try {
                return page(code, session).withError(e.getMessage()).respond(e.status());
            } catch (ApiException unknown) {
                return Page.problem(session, unknown);
            }
        }
    }

    private Page page(String code, DashboardSession session) {
        Invitations service = invitations.invitations();
        InvitationView invitation = InvitationView.of(service.lookup(code), service.now());
        Page page = new Page("invite.ftlh", "Join " + invitation.team(), session).with("invitation", invitation)
                .with("next", next(code));
        if (session != null) {
            page.with("matches", session.caller().email().equalsIgnoreCase(invitation.email()));
        }
        return page;
    }

    /** Where sign-up and log-in return to: this page (the code has only URL-safe characters, checked by lookup). */
    private static String next(String code) {
        return "/invite/" + Invitations.codeOf(code);
    }
}
