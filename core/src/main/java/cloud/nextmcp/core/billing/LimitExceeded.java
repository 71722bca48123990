package cloud.nextmcp.core.billing;

/**
 * An action the team's plan does not allow. The message says what the plan allows and how to
 * get more; the API answers it as a problem document, the git gateway as the push's error.
 */
public final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LimitExceeded(String message) {
        super(message);
    }
}
