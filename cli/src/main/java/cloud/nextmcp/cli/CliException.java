package cloud.nextmcp.cli;

/** A failure the user can act on: its message is printed as one {@code error: …} line. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
