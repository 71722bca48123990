package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Revoke a user's grant (Admin); routers refuse their calls within a second.")
public class AccessRevokeCommand extends ApiCommand {

    @Parameters(paramLabel = "EMAIL")
    String email;

    @Mixin
    AppOption app;

    public AccessRevokeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        api().delete(appPath(name) + "/access/grants/" + PathSegment.encode(email));
        out().println("Revoked " + email + "'s access to " + name);
    }
}
