package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.problems.ApiException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers 429 with Retry-After once a client IP has used up its allowance on the {@link RateLimited} endpoints. */
@RateLimited
@Priority(Priorities.AUTHENTICATION - 100)
public final class RateLimitFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;

    @Context
    private HttpServletRequest request;

    public RateLimitFilter(RateLimiter limiter, ClientAddress clientAddress) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        String client = clientAddress.of(request);
        long waitSeconds = limiter.acquire(client);
        if (waitSeconds > 0) {
            LOG.info("Auth rate limit reached by {} on {}", client, context.getUriInfo().getPath());
            ApiException refusal = ApiException.tooManyRequests("too many sign-in requests from your address; try again in "
                    + waitSeconds + " seconds", waitSeconds);
            throw context.hasEntity() ? refusal.closingConnection() : refusal;
        }
    }
}
