package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "End the session on the server and forget the stored credentials.")
public class LogoutCommand extends ApiCommand {

    public LogoutCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        CredentialsStore store = context.access().store();
        Optional<Credentials> stored = store.load();
        if (stored.isEmpty()) {
            out().println("Not logged in.");
            return;
        }
        Credentials credentials = stored.get();
        if (credentials.renewable()) {
            try {
                context.access().anonymous(credentials.apiUrl())
                        .post("/auth/logout", Map.of("refreshToken", credentials.refreshToken()));
            } catch (CliException e) {
                // The local credentials go anyway: a user who logs out must not stay logged in here.
                err().println("warning: the server did not end the session: " + e.getMessage());
            }
        }
        store.delete();
        out().println("Logged out of " + credentials.apiUrl());
    }
}
