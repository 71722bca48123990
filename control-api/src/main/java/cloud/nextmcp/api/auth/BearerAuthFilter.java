package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.ApiToken;
import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Authenticates {@code Authorization: Bearer <token>}: an API token ({@code nmcp_…}, looked up by
 * its hash) or an access JWT. Runs for every resource method with an {@code @Auth} parameter.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {
    private static final String SCHEME = "Bearer ";

    private final Jdbi jdbi;
    private final AccessTokens accessTokens;

    public BearerAuthFilter(Jdbi jdbi, AccessTokens accessTokens) {
        this.jdbi = jdbi;
        this.accessTokens = accessTokens;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        try {
            authenticate(context);
        } catch (ApiException refusal) {
            throw context.hasEntity() ? refusal.closingConnection() : refusal;
        }
    }

    private void authenticate(ContainerRequestContext context) {
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiException.authenticationRequired("sign in first: send 'Authorization: Bearer <token>' with an access "
                    + "token from POST /api/v1/auth/login or an API token (nextmcp login)");
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.authenticationRequired("use 'Authorization: Bearer <token>'; other schemes are not accepted");
        }
        String token = header.substring(SCHEME.length()).strip();
        Caller caller = token.startsWith(Secrets.API_TOKEN_PREFIX) ? byApiToken(token) : byAccessToken(token);
        context.setSecurityContext(new CallerSecurityContext(caller, context.getSecurityContext().isSecure()));
    }

    private Caller byApiToken(String token) {
        return jdbi.withHandle(h -> {
            Optional<ApiToken> live = h.attach(ApiTokenDao.class).useByHash(Secrets.hash(token));
            return live.flatMap(t -> h.attach(UserDao.class).findById(t.userId()));
        }).map(BearerAuthFilter::caller).orElseThrow(() -> ApiException.invalidToken(
                "this API token is unknown, revoked or expired; create a new one (nextmcp tokens create)"));
    }

    private Caller byAccessToken(String token) {
        long userId = accessTokens.verify(token);
        return jdbi.withHandle(h -> h.attach(UserDao.class).findById(userId)).map(BearerAuthFilter::caller)
                .orElseThrow(() -> ApiException.invalidToken("the account of this access token no longer exists"));
    }

    private static Caller caller(User user) {
        return new Caller(user.id(), user.email());
    }
}
