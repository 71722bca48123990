package cloud.nextmcp.api.dashboard.account;

import cloud.nextmcp.api.auth.AuthResource;
import cloud.nextmcp.api.auth.ClientAddress;
import cloud.nextmcp.api.auth.RateLimiter;
import cloud.nextmcp.api.auth.SessionView;
import cloud.nextmcp.api.dashboard.Notices;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.SessionCookies;
import cloud.nextmcp.api.dashboard.session.SessionFilter;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.Secrets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.regex.Pattern;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Sign up, log in, log out. The work is the API's ({@link AuthResource}: the same checks, the same
 * sessions); the limit is the API's login rate limit, the same buckets per client address.
 */
@Path("/")
@DashboardPage
@Produces(MediaType.TEXT_HTML)
public final class AccountPages {
    private static final Pattern RETURN_TO = Pattern.compile("/invite/" + Secrets.INVITATION_PREFIX + "[A-Za-z0-9]{1,100}");
    private final AuthResource auth;
    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final SessionCookies cookies;
    private final Secrets secrets;

    public AccountPages(AuthResource auth, RateLimiter limiter, ClientAddress clientAddress, SessionCookies cookies,
                        Secrets secrets) {
        this.auth = auth;
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.cookies = cookies;
        this.secrets = secrets;
    }

    @GET
    @Path("login")
    public Response loginForm(@QueryParam("notice") String notice, @QueryParam("next") String next,
                              @QueryParam("email") String email, @Context HttpServletRequest request) {
        Response page = form("login.ftlh", "Log in", null, 200, request, next, email);
        ((Page) page.getEntity()).withNotice(Notices.text(notice));
        return page;
    }

    @GET
    @Path("signup")
    public Response signupForm(@QueryParam("next") String next, @QueryParam("email") String email,
                               @Context HttpServletRequest request) {
        return form("signup.ftlh", "Sign up", null, 200, request, next, email);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("email") String email, @FormParam("password") String password,
                          @FormParam(SessionFilter.CSRF_FIELD) String csrf, @FormParam("next") String next,
                          @CookieParam(SessionCookies.PRE_SESSION) String preSession, @Context HttpServletRequest request) {
        return signIn("login.ftlh", "Log in", csrf, preSession, request, next, email,
                () -> (SessionView) auth.login(new AuthResource.LoginRequest(email, password), request).getEntity());
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(@FormParam("email") String email, @FormParam("password") String password,
                           @FormParam("name") String name, @FormParam(SessionFilter.CSRF_FIELD) String csrf,
                           @FormParam("next") String next,
                           @CookieParam(SessionCookies.PRE_SESSION) String preSession, @Context HttpServletRequest request) {
        return signIn("signup.ftlh", "Sign up", csrf, preSession, request, next, email,
                () -> (SessionView) auth.register(new AuthResource.RegisterRequest(email, password, name), request)
                        .getEntity());
    }

    private interface Attempt {
        SessionView run();
    }

    private Response signIn(String template, String title, String csrf, String preSession, HttpServletRequest request,
                            String next, String email, Attempt attempt) {
        if (preSession == null || csrf == null
                || !MessageDigest.isEqual(preSession.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            return form(template, title, "This form is out of date: it was opened before the last sign-in, or not "
                    + "from this dashboard. Try again.", 403, request, next, email);
        }
        long wait = limiter.acquire(clientAddress.of(request));
        if (wait > 0) {
            return form(template, title, "Too many sign-in attempts from your address; try again in " + wait
                    + " seconds.", 429, request, next, email);
        }
        SessionView session;
        try {
            session = attempt.run();
        } catch (ApiException e) {
            return form(template, title, e.getMessage(), e.status(), request, next, email);
        }
        boolean secure = cookies.secure(request);
        return Response.seeOther(URI.create(returnTo(next)))
                .cookie(cookies.session(session.refreshToken(), session.refreshTokenExpiresAt(), secure),
                        cookies.expired(SessionCookies.PRE_SESSION, secure))
                .build();
    }

    /**
     * Where a sign-in goes: an invitation page it came from, else the apps. Only invitation pages
     * are accepted, so a crafted link cannot send a person elsewhere after they sign in.
     */
    private static String returnTo(String next) {
        return next != null && RETURN_TO.matcher(next).matches() ? next : "/apps";
    }

    /** The form with a fresh pre-session token, in the cookie and in the form alike. */
    private Response form(String template, String title, String error, int status, HttpServletRequest request,
                          String next, String email) {
        String token = secrets.newRefreshToken().substring(Secrets.REFRESH_TOKEN_PREFIX.length());
        Page page = new Page(template, title, null).with("preSession", token).withError(error);
        if (next != null && RETURN_TO.matcher(next).matches()) {
            page.with("next", next);
        }
        if (email != null) {
            page.with("email", email);
        }
        return Response.fromResponse(page.respond(status)).cookie(cookies.preSession(token, cookies.secure(request))).build();
    }
}
