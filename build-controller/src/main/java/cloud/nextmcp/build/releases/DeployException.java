package cloud.nextmcp.build.releases;

/** A release that could not go live; the message is shown to the pusher (e.g. "web.1 did not become healthy within 60 s"). */
public class DeployException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
