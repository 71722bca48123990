package cloud.nextmcp.git.access;

/**
 * The one answer for a name that is malformed, unknown, or an app of a team the user is not in,
 * so that app names of other teams do not leak.
 */
public final class RepositoryNotFound extends Exception {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "repository not found";

    public RepositoryNotFound() {
        super(MESSAGE);
    }
}
