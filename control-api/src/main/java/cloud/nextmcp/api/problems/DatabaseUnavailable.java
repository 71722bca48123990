package cloud.nextmcp.api.problems;

import cloud.nextmcp.core.db.DatabaseOutage;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the database cannot be reached (down, restarting), a request that needed it is answered
 * 503 with Retry-After, not as an internal error: the platform recovers by itself and the client
 * only has to try again.
 */
final class DatabaseUnavailable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailable.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /** The 503 answer when {@code failure} comes from an unreachable database. */
    static Optional<Response> answer(Throwable failure) {
        if (!DatabaseOutage.causedBy(failure)) {
            return Optional.empty();
        }
        // Expected while the database restarts: one line per request, no stack trace.
        LOG.warn("Answered 503: the database is unreachable ({})", rootMessage(failure));
        return Optional.of(ProblemResponses.of(Problem.of(503, "database-unavailable", DatabaseOutage.MESSAGE),
                Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
