package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clients", description = "List the OAuth clients you allowed to call apps for you.")
public class AccessClientsCommand extends ApiCommand {

    @Mixin
    JsonOption json;

    public AccessClientsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode consents = api().get("/oauth/consents");
        if (json.enabled()) {
            printJson(consents);
            return;
        }
        if (consents.isEmpty()) {
            out().println("No OAuth clients may call apps for you.");
            return;
        }
        Table table = new Table("app", "client", "client id", "allowed");
        consents.forEach(c -> table.row(text(c, "app"), text(c, "clientName"), text(c, "clientId"), Times.minute(text(c, "createdAt"))));
        table.print(out());
    }
}
