package cloud.nextmcp.api.dashboard.account;

import cloud.nextmcp.api.auth.AuthResource;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SessionCookies;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Ends the dashboard session: its refresh-token family is revoked as the API's logout does, and the cookie dropped. */
@Path("/logout")
@DashboardPage
@SignedIn
public final class LogoutPage {
    private final AuthResource auth;
    private final SessionCookies cookies;

    public LogoutPage(AuthResource auth, SessionCookies cookies) {
        this.auth = auth;
        this.cookies = cookies;
    }

    @POST
    public Response logout(@Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        auth.logout(new AuthResource.RefreshRequest(session.refreshToken()), request);
        return Response.seeOther(URI.create("/login?notice=logged-out"))
                .cookie(cookies.expired(SessionCookies.SESSION, cookies.secure(request))).build();
    }
}
