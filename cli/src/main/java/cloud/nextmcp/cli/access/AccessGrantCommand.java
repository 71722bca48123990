package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "grant", description = "Let a user outside the app's team call it (Admin). They then create a token with "
        + "nextmcp tokens create NAME --app APP.")
public class AccessGrantCommand extends ApiCommand {

    @Parameters(paramLabel = "EMAIL")
    String email;

    @Mixin
    AppOption app;

    public AccessGrantCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        api().post(appPath(name) + "/access/grants", Map.of("email", email));
        out().println("Granted " + email + " access to " + name);
    }
}
