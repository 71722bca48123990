package cloud.nextmcp.build.builds;

/** A build that cannot succeed because of the pushed code; the message is shown to the pusher as "build failed: …". */
public class BuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildFailure(String message) {
        super(message);
    }

    public BuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
