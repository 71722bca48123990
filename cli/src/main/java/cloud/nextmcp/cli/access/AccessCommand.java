package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "access", description = "Who may call a private app besides its team, and the OAuth clients you allowed.",
        subcommands = {AccessListCommand.class, AccessGrantCommand.class, AccessRevokeCommand.class,
            AccessClientsCommand.class, AccessRevokeClientCommand.class})
public class AccessCommand extends GroupCommand {
}
