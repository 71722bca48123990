package cloud.nextmcp.cli.github;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "github", description = "Connect an app to a GitHub repository: pushes deploy, pull requests get previews.",
        subcommands = {GithubConnectCommand.class, GithubDisconnectCommand.class, GithubStatusCommand.class,
            GithubDeliveriesCommand.class})
public class GithubCommand extends GroupCommand {
}
