package cloud.nextmcp.core.db;

/**
 * The embedded database cannot start for a reason the user can fix (no space, data directory in
 * use). Its message says what to do; the command line prints it without a stack trace.
 */
public final class DatabaseStartFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DatabaseStartFailure(String message) {
        super(message);
    }
}
