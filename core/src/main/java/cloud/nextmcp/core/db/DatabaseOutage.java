package cloud.nextmcp.core.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Tells a failure caused by the database being unreachable (down, restarting, refusing
 * connections) from any other failure, so every surface can answer "try again shortly" instead
 * of a generic internal error.
 */
public final class DatabaseOutage {
    /** What every surface says while the database is unreachable. */
    public static final String MESSAGE = "the platform's database is unavailable, try again shortly";

    /** Class 08 is "connection exception"; 57P01–57P03 are shutdowns and "cannot connect now". */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    /**
     * Logs the failure of a background task that runs again later: while the database is unreachable
     * (expected as it restarts) one WARN line saying so, without a stack trace; anything else is an
     * ERROR with its stack trace.
     *
     * @param what what failed and what happens next, e.g. "Reporting the load failed; trying again in 1 s"
     */
    public static void logFailure(Logger log, String what, RuntimeException failure) {
        if (causedBy(failure)) {
            log.warn("{}: {}", what, MESSAGE);
        } else {
            log.error(what, failure);
        }
    }

    /** Whether {@code failure}, or anything in its cause chain, says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
