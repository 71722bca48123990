package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "grant", description = {"Let a user outside the app's team, or one of your API tokens, call the app (Admin).",
        "EMAIL: the user then creates a token with nextmcp tokens create NAME --app APP.",
        "TOKEN-NAME (no '@'): one of your own tokens with scope mcp may call the app, whoever holds it."})
public class AccessGrantCommand extends ApiCommand {

    @Parameters(paramLabel = "EMAIL|TOKEN-NAME")
    String grantee;

    @Mixin
    AppOption app;

    public AccessGrantCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        if (Grantee.isEmail(grantee)) {
            api().post(appPath(name) + "/access/grants", Map.of("email", grantee));
            out().println("Granted " + grantee + " access to " + name);
        } else {
            api().post(appPath(name) + "/access/grants", Map.of("token", grantee));
            out().println("Granted token " + grantee + " access to " + name);
        }
    }
}
