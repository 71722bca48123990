package cloud.nextmcp.cli.apps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.git.AppRemote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "destroy", description = "Destroy an app for good (admins and owners). Needs --confirm APP.")
public class AppsDestroyCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again, to confirm.")
    String confirm;

    public AppsDestroyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        if (confirm == null) {
            throw new CliException("destroying " + name + " deletes it, its releases and its config for good: "
                    + "to go ahead, run again with --confirm " + name);
        }
        if (!confirm.equals(name)) {
            throw new CliException("--confirm " + confirm + " does not match the app " + name + ": nothing destroyed");
        }
        api().delete(appPath(name));
        out().println("Destroyed app " + name);
        if (context.git().nextmcpApp().filter(name::equals).isPresent()) {
            out().println("This repo's git remote '" + AppRemote.NAME + "' still points at it: git remote remove "
                    + AppRemote.NAME);
        }
    }
}
