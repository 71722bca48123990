package cloud.nextmcp.api.dashboard.session;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Lets a {@link SignedIn} page through only with a live session cookie, and a state-changing
 * request only with the session's CSRF token (form field {@code csrf} or header
 * {@code X-CSRF-Token}, which htmx sends). A page asked for without a session redirects to the login.
 */
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public final class SessionFilter implements ContainerRequestFilter {
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final SessionCookies cookies;

    public SessionFilter(SessionCookies cookies) {
        this.cookies = cookies;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Cookie cookie = context.getCookies().get(SessionCookies.SESSION);
        Optional<DashboardSession> session = cookies.resolve(cookie == null ? null : cookie.getValue());
        boolean safe = HttpMethod.GET.equals(context.getMethod()) || HttpMethod.HEAD.equals(context.getMethod());
        if (session.isEmpty()) {
            if (safe && context.getHeaderString("HX-Request") == null
                    && !context.getAcceptableMediaTypes().contains(MediaType.SERVER_SENT_EVENTS_TYPE)) {
                context.abortWith(Response.seeOther(URI.create("/login")).build());
            } else {
                context.abortWith(plain(Response.Status.UNAUTHORIZED, "Your session has ended: sign in again at /login."));
            }
            return;
        }
        if (!safe && !cookies.csrfMatches(session.get(), presentedToken(context))) {
            context.abortWith(plain(Response.Status.FORBIDDEN,
                    "This form is out of date or did not come from the dashboard: reload the page and try again."));
            return;
        }
        context.setProperty(DashboardSession.PROPERTY, session.get());
    }

    private static String presentedToken(ContainerRequestContext context) {
        String header = context.getHeaderString(CSRF_HEADER);
        if (header != null) {
            return header;
        }
        if (context.hasEntity() && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(context.getMediaType())) {
            ContainerRequest request = (ContainerRequest) context;
            // Buffered, so that the page method reads the same form again.
            request.bufferEntity();
            return request.readEntity(Form.class).asMap().getFirst(CSRF_FIELD);
        }
        return null;
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(message + "\n").build();
    }
}
