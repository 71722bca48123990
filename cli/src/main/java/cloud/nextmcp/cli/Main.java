package cloud.nextmcp.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code nextmcp} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliEnvironment.fromSystem(), System.out, System.err));
    }

    /**
     * Runs one command line in-process and returns its exit code: 0 on success, 1 when the
     * command failed, 2 for a usage error. Errors are printed to {@code err} as one
     * {@code error: …} line. Tests (and the end-to-end tests in {@code server/}) call this.
     */
    public static int run(String[] args, CliEnvironment environment, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            CliContext context = CliContext.create(environment, outWriter, errWriter);
            ErrorReporter errors = new ErrorReporter(environment.debug());
            CommandLine commandLine = new CommandLine(NextMcpCommand.class, new CommandFactory(context))
                    .setOut(outWriter)
                    .setErr(errWriter)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setExecutionExceptionHandler(errors)
                    .setParameterExceptionHandler(errors);
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }
}
