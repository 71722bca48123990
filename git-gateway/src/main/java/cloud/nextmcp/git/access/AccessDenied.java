package cloud.nextmcp.git.access;

/** The user may see the app but not do this with it; the message says why and what would help. */
public final class AccessDenied extends Exception {
    private static final long serialVersionUID = 1L;

    public AccessDenied(String message) {
        super(message);
    }
}
