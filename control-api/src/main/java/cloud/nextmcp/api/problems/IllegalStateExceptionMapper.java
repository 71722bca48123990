package cloud.nextmcp.api.problems;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Replaces Dropwizard's default mapper of this type, which would answer outside problem+json. */
@Priority(1)
public final class IllegalStateExceptionMapper implements ExceptionMapper<IllegalStateException> {
    @Override
    public Response toResponse(IllegalStateException e) {
        return UnexpectedExceptionMapper.respond(e);
    }
}
