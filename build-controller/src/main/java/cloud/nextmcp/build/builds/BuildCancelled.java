package cloud.nextmcp.build.builds;

/** The build was stopped from outside: its lease was lost to another worker, or this builder is shutting down. */
public final class BuildCancelled extends BuildFailure {
    private static final long serialVersionUID = 1L;

    BuildCancelled(String message) {
        super(message);
    }
}
