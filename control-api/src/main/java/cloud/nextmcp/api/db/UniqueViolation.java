package cloud.nextmcp.api.db;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's unique violation (SQLState 23505). Names are claimed by inserting and letting the
 * unique index decide, never by checking first, so two requests racing for one name end as one
 * success and one clear answer instead of a 500.
 */
public final class UniqueViolation {
    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    /** The violated constraint's name ("" if the server did not say), or empty if {@code e} is no unique violation. */
    public static Optional<String> constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                ServerErrorMessage message = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
                String name = message == null ? null : message.getConstraint();
                return Optional.of(name == null ? "" : name);
            }
        }
        return Optional.empty();
    }

    /** True when {@code e} violated the named unique constraint or index. */
    public static boolean of(Throwable e, String constraintName) {
        return constraint(e).filter(constraintName::equals).isPresent();
    }

    /**
     * Runs {@code insert} inside a savepoint of the handle's open transaction: its result, or empty
     * when it violated {@code constraintName} (the transaction stays usable, so the caller can try
     * another name). Any other failure propagates.
     */
    public static <T> Optional<T> insertOrEmpty(Handle handle, String constraintName, Supplier<T> insert) {
        String savepoint = "claim_name";
        handle.savepoint(savepoint);
        try {
            T result = insert.get();
            handle.releaseSavepoint(savepoint);
            return Optional.of(result);
        } catch (RuntimeException e) {
            if (!of(e, constraintName)) {
                throw e;
            }
            handle.rollbackToSavepoint(savepoint);
            return Optional.empty();
        }
    }
}
