package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/** The unauthenticated endpoints, all rate-limited per client IP. */
@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public final class AuthResource {
    public static final int MIN_PASSWORD = 10;
    /** Argon2 hashes any length; the cap keeps one request from costing more than a normal login. */
    private static final int MAX_PASSWORD = 1024;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final AuthService auth;
    private final ClientAddress clientAddress;

    public AuthResource(AuthService auth, ClientAddress clientAddress) {
        this.auth = auth;
        this.clientAddress = clientAddress;
    }

    public record RegisterRequest(String email, String password, String name) {
    }

    public record LoginRequest(String email, String password) {
    }

    public record RefreshRequest(String refreshToken) {
    }

    @POST
    @Path("/register")
    public Response register(RegisterRequest body, @Context HttpServletRequest request) {
        Require.body(body, "{\"email\":\"you@example.com\",\"password\":\"at least " + MIN_PASSWORD + " characters\"}");
        String email = Require.maxLength(Require.text(body.email(), "email"), "email", 254);
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.invalid("'" + email + "' does not look like an email address");
        }
        String password = body.password();
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.invalid("the password must be at least " + MIN_PASSWORD + " characters long");
        }
        Require.maxLength(password, "password", MAX_PASSWORD);
        String name = body.name() == null || body.name().isBlank() ? null : Require.maxLength(body.name().strip(), "name", 100);
        SessionView session = auth.register(email, password, name, clientAddress.of(request));
        return secret(Response.status(Response.Status.CREATED).entity(session));
    }

    @POST
    @Path("/login")
    public Response login(LoginRequest body, @Context HttpServletRequest request) {
        Require.body(body, "{\"email\":\"you@example.com\",\"password\":\"…\"}");
        String email = Require.text(body.email(), "email");
        String password = body.password();
        if (password == null || password.isEmpty()) {
            throw ApiException.invalid("'password' is required");
        }
        Require.maxLength(password, "password", MAX_PASSWORD);
        return secret(Response.ok(auth.login(email, password, clientAddress.of(request))));
    }

    @POST
    @Path("/refresh")
    public Response refresh(RefreshRequest body, @Context HttpServletRequest request) {
        Require.body(body, "{\"refreshToken\":\"nmcr_…\"}");
        return secret(Response.ok(auth.refresh(Require.text(body.refreshToken(), "refreshToken"), clientAddress.of(request))));
    }

    @POST
    @Path("/logout")
    public Response logout(RefreshRequest body, @Context HttpServletRequest request) {
        Require.body(body, "{\"refreshToken\":\"nmcr_…\"}");
        auth.logout(Require.text(body.refreshToken(), "refreshToken"), clientAddress.of(request));
        return Response.noContent().build();
    }

    /** Answers that carry tokens must not be kept by caches along the way. */
    static Response secret(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
