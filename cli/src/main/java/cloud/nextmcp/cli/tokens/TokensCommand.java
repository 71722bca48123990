package cloud.nextmcp.cli.tokens;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "tokens", description = "API tokens for CI and HTTP git (use one with NEXTMCP_TOKEN or login --token).",
        subcommands = {TokensCreateCommand.class, TokensListCommand.class, TokensRevokeCommand.class})
public class TokensCommand extends GroupCommand {
}
