package cloud.nextmcp.cli.apps;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "apps", description = "Create, list, show and destroy apps.",
        subcommands = {AppsListCommand.class, AppsCreateCommand.class, AppsInfoCommand.class, AppsDestroyCommand.class,
            AppsVisibilityCommand.class})
public class AppsCommand extends GroupCommand {
}
