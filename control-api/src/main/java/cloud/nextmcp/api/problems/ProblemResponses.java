package cloud.nextmcp.api.problems;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds the HTTP answer for a problem. */
final class ProblemResponses {
    private ProblemResponses() {
    }

    static Response of(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

    static Response of(Problem problem) {
        return of(problem, Map.of());
    }
}
