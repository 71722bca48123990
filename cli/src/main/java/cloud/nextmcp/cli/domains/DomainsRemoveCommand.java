package cloud.nextmcp.cli.domains;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = "Detach a custom domain from the app; it stops being served at once (Admin).")
public class DomainsRemoveCommand extends ApiCommand {

    @Parameters(paramLabel = "NAME")
    String hostname;

    @Mixin
    AppOption app;

    public DomainsRemoveCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        api().delete(appPath(name) + "/domains/" + PathSegment.encode(hostname));
        out().println("Removed " + hostname + " from " + name);
    }
}
