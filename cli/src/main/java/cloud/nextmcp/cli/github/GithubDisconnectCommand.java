package cloud.nextmcp.cli.github;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "disconnect", description = "Stop deploying the app from GitHub; existing previews stay until destroyed (Member).")
public class GithubDisconnectCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public GithubDisconnectCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        api().delete(appPath(name) + "/github");
        out().println("Disconnected " + name + " from GitHub");
    }
}
