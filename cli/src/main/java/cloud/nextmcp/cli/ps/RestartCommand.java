package cloud.nextmcp.cli.ps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "restart", description = "Restart all of an app's instances, one after the other.")
public class RestartCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public RestartCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        api().post(appPath(name) + "/restart", null);
        out().println("Restarting " + name);
    }
}
