package cloud.nextmcp.api.problems;

import cloud.nextmcp.core.billing.LimitExceeded;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** A plan limit: 402 with the limit and the command that lifts it. */
@Priority(1)
public final class LimitExceededMapper implements ExceptionMapper<LimitExceeded> {
    @Override
    public Response toResponse(LimitExceeded e) {
        return ProblemResponses.of(planLimit(e.getMessage()).problem(), Map.of());
    }

    public static ApiException planLimit(String detail) {
        return new ApiException(402, "plan-limit", detail);
    }
}
