package cloud.nextmcp.api.problems;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own errors (no such path, wrong method, wrong content type, …) as problem documents.
 * Priority 1 puts this mapper ahead of Dropwizard's defaults for the same exception types.
 */
@Priority(1)
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    @Context
    private HttpHeaders request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed with {}", status, e);
        }
        Map<String, String> headers = new HashMap<>();
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            headers.put(HttpHeaders.ALLOW, allow);
        }
        if (request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null) {
            // Jersey refused before reading the body; an unread body makes the connection unusable.
            headers.put("Connection", "close");
        }
        return ProblemResponses.of(Problem.of(status, null, detail(e, status)), headers);
    }

    private static String detail(WebApplicationException e, int status) {
        if (e instanceof NotFoundException) {
            return "there is no such API path; see GET /api/v1/openapi.yaml for the paths that exist";
        }
        if (e instanceof NotAllowedException) {
            return "this path does not accept that HTTP method; allowed: "
                    + e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        }
        if (e instanceof NotSupportedException) {
            return "send the request body as JSON with Content-Type: application/json";
        }
        if (e instanceof NotAcceptableException) {
            return "this API answers in JSON; accept application/json";
        }
        if (status >= 500) {
            return "the server failed to handle the request; try again, and report it if it keeps happening";
        }
        return "the request was not accepted (" + ReasonPhrases.of(status) + ")";
    }
}
