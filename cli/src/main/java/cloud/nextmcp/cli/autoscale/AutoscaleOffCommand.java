package cloud.nextmcp.cli.autoscale;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "off", description = "Stop autoscaling: the fixed count set with 'nextmcp scale' (1 by default) runs again.")
public class AutoscaleOffCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @ParentCommand
    AutoscaleCommand parent;

    public AutoscaleOffCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app, parent.appOption());
        api().delete(appPath(name) + "/autoscale");
        out().println(name + " autoscaling: off; the fixed count runs (nextmcp ps)");
    }
}
