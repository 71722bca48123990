package cloud.nextmcp.server.commands;

import cloud.nextmcp.core.db.DatabaseStartFailure;
import io.dropwizard.core.cli.Cli;
import java.util.Optional;

/**
 * A start that fails for a reason the user can fix prints that reason as one line; Dropwizard's
 * default prints every failure as a stack trace, which stays for the failures nobody expected.
 */
final class StartFailures {
    private StartFailures() {
    }

    /** True when {@code failure} was reported as a one-line message. */
    static boolean reported(Cli cli, Throwable failure) {
        Optional<DatabaseStartFailure> known = find(failure);
        known.ifPresent(f -> cli.getStdErr().println("nextmcp-server: " + f.getMessage()));
        return known.isPresent();
    }

    private static Optional<DatabaseStartFailure> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseStartFailure f) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
