package cloud.nextmcp.cli.mcp;

import picocli.CommandLine.Option;

/** {@code --path}: where the app serves MCP, below its root. */
public class McpPathOption {

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/mcp",
            description = "Where the app serves MCP (default: ${DEFAULT-VALUE}).")
    String path;

    /** The path with exactly one leading slash. */
    public String path() {
        String trimmed = path.trim();
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
