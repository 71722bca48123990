package cloud.nextmcp.cli.keys;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List your SSH keys with their SHA256 fingerprints.")
public class KeysListCommand extends ApiCommand {

    @Mixin
    JsonOption json;

    public KeysListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode keys = api().get("/keys");
        if (json.enabled()) {
            printJson(keys);
            return;
        }
        if (keys.isEmpty()) {
            out().println("No SSH keys yet. Add one with: nextmcp keys add");
            return;
        }
        Table table = new Table("id", "type", "bits", "fingerprint", "comment", "added", "last used");
        keys.forEach(k -> table.row(text(k, "id"), text(k, "type"), text(k, "bits"), text(k, "fingerprint"),
                text(k, "comment"), Times.minute(text(k, "createdAt")), Times.minute(text(k, "lastUsedAt"))));
        table.print(out());
    }
}
