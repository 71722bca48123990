package cloud.nextmcp.cli.domains;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "Show the app's custom domains, their state and what is wrong.")
public class DomainsListCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public DomainsListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode domains = api().get(appPath(name) + "/domains");
        if (json.enabled()) {
            printJson(domains);
            return;
        }
        if (domains.isEmpty()) {
            out().println("No custom domains. Add one with: nextmcp domains add mcp.example.com -a " + name);
            return;
        }
        Table table = new Table("domain", "state", "certificate expires", "what to fix");
        domains.forEach(d -> table.row(text(d, "hostname"), DomainPrinter.state(d),
                d.path("certificateExpiresAt").isNull() ? "" : Times.minute(text(d, "certificateExpiresAt")),
                d.path("reason").isNull() ? "" : text(d, "reason")));
        table.print(out());
    }
}
