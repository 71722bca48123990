package cloud.nextmcp.api.dashboard.session;

import cloud.nextmcp.api.auth.Caller;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * A signed-in browser: who it is, the refresh token its cookie holds (the session's identity, as
 * in the API's session machinery) and the CSRF token its forms must send back.
 */
public record DashboardSession(Caller caller, String refreshToken, String csrf) {
    /** The request property {@link SessionFilter} stores the session under. */
    public static final String PROPERTY = DashboardSession.class.getName();

    /** The session of a {@link SignedIn} request (the filter let it through, so there is one). */
    public static DashboardSession of(ContainerRequestContext request) {
        return (DashboardSession) request.getProperty(PROPERTY);
    }
}
