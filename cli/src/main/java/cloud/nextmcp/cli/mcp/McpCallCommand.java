package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.JsonOption;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "call", description = "Call a tool of the app's MCP server and print what it returns.")
public class McpCallCommand extends McpAppCommand {

    /** Sent with every call, so the server may report progress; one call per session, so one token is enough. */
    static final String PROGRESS_TOKEN = "nextmcp-cli";

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool's name.")
    String tool;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
            description = "An argument; the value is JSON when it parses as JSON (3, true, {\"a\":1}), else a string.")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--args", paramLabel = "JSON", description = "The arguments as a JSON object (KEY=VALUE add to it).")
    String argsJson;

    @Mixin
    JsonOption json;

    public McpCallCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, Object> arguments = new ToolArguments(context.json().mapper()).parse(argsJson, pairs);
        McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder()
                .name(tool)
                .arguments(arguments)
                .progressToken(PROGRESS_TOKEN)
                .build();
        PrintWriter err = err();
        McpSchema.CallToolResult result;
        try (McpConnection connection = connect(progress -> printProgress(err, progress))) {
            result = connection.callTool(request);
        }
        boolean failed = Boolean.TRUE.equals(result.isError());
        if (json.enabled()) {
            printJson(sdkJson().toJson(result));
        } else if (!failed) {
            texts(result).forEach(out()::println);
        }
        if (failed) {
            List<String> texts = texts(result);
            throw new CliException(texts.isEmpty() ? "tool " + tool + " failed" : String.join("; ", texts));
        }
    }

    private static void printProgress(PrintWriter err, McpSchema.ProgressNotification progress) {
        StringBuilder line = new StringBuilder("progress: ").append(number(progress.progress()));
        if (progress.total() != null) {
            line.append('/').append(number(progress.total()));
        }
        if (progress.message() != null && !progress.message().isBlank()) {
            line.append(' ').append(progress.message());
        }
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** 3.0 prints as 3, 2.5 as 2.5. */
    private static String number(Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString(value.longValue()) : value.toString();
    }

    /** One line per content block: the text of text blocks, the kind of the others. */
    private static List<String> texts(McpSchema.CallToolResult result) {
        if (result.content() == null) {
            return List.of();
        }
        return result.content().stream().map(content -> content instanceof McpSchema.TextContent text
                ? text.text() : "[" + content.type() + " content]").toList();
    }
}
