package cloud.nextmcp.cli.domains;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "domains", description = "Custom domains of an app: add one, follow the DNS instructions, verify, remove.",
        subcommands = {DomainsListCommand.class, DomainsAddCommand.class, DomainsVerifyCommand.class, DomainsRemoveCommand.class})
public class DomainsCommand extends GroupCommand {
}
