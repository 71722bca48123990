package cloud.nextmcp.cli.http;

import cloud.nextmcp.cli.CliException;

/** The API answered with an error status; the message is the problem's detail. */
public final class ApiException extends CliException {

    private final int status;
    private final Problem problem;

    public ApiException(int status, Problem problem, String message) {
        super(message);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
