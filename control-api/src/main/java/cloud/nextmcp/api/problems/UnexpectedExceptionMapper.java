package cloud.nextmcp.api.problems;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything nobody meant to throw: logged with an id, answered 500 with that id and nothing
 * else, so internals (SQL, stack traces) never reach the client. A failure to reach the database
 * is no bug: it is answered 503 "try again" ({@link DatabaseUnavailable}).
 */
@Priority(1)
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        return respond(e);
    }

    static Response respond(Throwable e) {
        Optional<Response> unavailable = DatabaseUnavailable.answer(e);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        String id = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", id, e);
        return ProblemResponses.of(Problem.of(500, "internal-error",
                "the server failed to handle the request; it has been logged as " + id
                        + " — try again, and quote that id if it keeps happening"));
    }
}
