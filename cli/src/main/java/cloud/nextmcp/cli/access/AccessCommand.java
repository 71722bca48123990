package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "access", description = "Who may call a private app besides its team: grant, revoke, list.",
        subcommands = {AccessListCommand.class, AccessGrantCommand.class, AccessRevokeCommand.class})
public class AccessCommand extends GroupCommand {
}
