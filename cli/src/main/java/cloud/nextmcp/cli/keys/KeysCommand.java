package cloud.nextmcp.cli.keys;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "keys", description = "Your SSH public keys, for git push over SSH.",
        subcommands = {KeysAddCommand.class, KeysListCommand.class, KeysRemoveCommand.class})
public class KeysCommand extends GroupCommand {
}
