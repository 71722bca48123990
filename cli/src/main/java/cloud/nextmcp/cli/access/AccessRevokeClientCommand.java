package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revoke-client", description = "Withdraw your consent for an OAuth client on an app: its tokens stop working.")
public class AccessRevokeClientCommand extends ApiCommand {

    @Parameters(paramLabel = "CLIENT-ID", description = "As listed by nextmcp access clients.")
    String clientId;

    @Mixin
    AppOption app;

    public AccessRevokeClientCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        api().delete("/oauth/consents?app=" + PathSegment.encode(name) + "&client=" + PathSegment.encode(clientId));
        out().println("Client " + clientId + " may no longer call " + name + " for you");
    }
}
