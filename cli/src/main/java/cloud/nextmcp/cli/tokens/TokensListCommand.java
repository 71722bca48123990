package cloud.nextmcp.cli.tokens;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List your API tokens (never the tokens themselves).")
public class TokensListCommand extends ApiCommand {

    @Mixin
    JsonOption json;

    public TokensListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode tokens = api().get("/tokens");
        if (json.enabled()) {
            printJson(tokens);
            return;
        }
        if (tokens.isEmpty()) {
            out().println("No API tokens. Create one with: nextmcp tokens create NAME");
            return;
        }
        Table table = new Table("id", "name", "prefix", "created", "last used", "expires", "for");
        tokens.forEach(t -> table.row(text(t, "id"), text(t, "name"), text(t, "prefix"),
                Times.minute(text(t, "createdAt")), Times.minute(text(t, "lastUsedAt")),
                t.hasNonNull("expiresAt") ? Times.minute(text(t, "expiresAt")) : "never",
                t.hasNonNull("app") ? "mcp calls to " + text(t, "app") : "api"));
        table.print(out());
    }
}
