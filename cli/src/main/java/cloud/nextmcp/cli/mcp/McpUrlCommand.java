package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "url", description = "Print the URL an MCP client (SDK, inspector) should connect to.")
public class McpUrlCommand extends McpAppCommand {

    @Option(names = "--host-form", description = "Print http://<app>.<apps domain>/… instead (needs DNS for that name).")
    boolean hostForm;

    public McpUrlCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        McpUrls urls = urls();
        out().println(hostForm ? urls.hostForm(name, path.path()) : urls.pathForm(name, path.path()));
    }
}
