package cloud.nextmcp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns every failure into one {@code error: …} line on stderr: exit code 1 for a failed
 * command, 2 for a usage error. Stack traces only with {@code NEXTMCP_DEBUG=1}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int FAILED = 1;
    static final int USAGE = 2;

    private final boolean debug;

    ErrorReporter(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (debug) {
            exception.printStackTrace(err);
        }
        if (exception instanceof CliException) {
            err.println("error: " + exception.getMessage());
        } else {
            err.println("error: unexpected " + exception.getClass().getSimpleName()
                    + (exception.getMessage() == null ? "" : ": " + exception.getMessage())
                    + (debug ? "" : " (set NEXTMCP_DEBUG=1 to see where)"));
        }
        err.flush();
        return FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        if (debug) {
            exception.printStackTrace(err);
        }
        String suggestion = "";
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        err.println("error: " + firstLine(exception.getMessage()) + suggestion + " (see '"
                + commandLine.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
