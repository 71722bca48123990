package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tools", description = "List the tools of the app's MCP server.")
public class McpToolsCommand extends McpAppCommand {

    @Mixin
    JsonOption json;

    public McpToolsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        List<McpSchema.Tool> tools;
        try (McpConnection connection = connect(progress -> { })) {
            tools = connection.listTools().tools();
        }
        if (json.enabled()) {
            printJson(sdkJson().toJson(tools));
            return;
        }
        Table table = new Table("name", "description");
        tools.forEach(tool -> table.row(tool.name(), firstLine(tool.description())));
        table.print(out());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}
