package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "mcp", description = "Use an app's MCP server: its URL for SDK clients, its tools, a tool call.",
        subcommands = {McpUrlCommand.class, McpToolsCommand.class, McpCallCommand.class})
public class McpCommand extends GroupCommand {
}
