package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.ApiClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;

/** Base of the {@code mcp} commands: the app, its MCP path, and where the platform's router serves it. */
abstract class McpAppCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    McpPathOption path;

    McpAppCommand(CliContext context) {
        super(context);
    }

    /** Where the router is, from the public {@code /api/v1/info}: no login needed. */
    McpUrls urls() {
        ApiClient api = anonymousApi();
        return McpUrls.fromInfo(api.get("/info"), api.baseUrl());
    }

    /** An initialized MCP session with the app, through the router's path form (no DNS needed). */
    McpConnection connect(Consumer<McpSchema.ProgressNotification> progress) {
        String name = app(app);
        return McpConnection.open(name, urls().pathForm(name, path.path()), progress);
    }

    SdkJson sdkJson() {
        return new SdkJson(context.json().mapper());
    }
}
