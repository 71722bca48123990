package cloud.nextmcp.cli.builds;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "log", description = "Print a build's log.")
public class BuildsLogCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The build's id, from nextmcp builds.")
    long id;

    @Mixin
    AppOption app;

    @ParentCommand
    BuildsCommand parent;

    public BuildsLogCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app, parent.app);
        String log = api().getText(appPath(name) + "/builds/" + id + "/log");
        out().print(log);
        if (!log.isEmpty() && !log.endsWith("\n")) {
            out().println();
        }
        out().flush();
    }
}
