package cloud.nextmcp.cli.github;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "deliveries", description = "Show the app's recent GitHub webhook deliveries and what each did.")
public class GithubDeliveriesCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public GithubDeliveriesCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode deliveries = api().get(appPath(name) + "/github/deliveries");
        if (json.enabled()) {
            printJson(deliveries);
            return;
        }
        if (deliveries.isEmpty()) {
            out().println("No deliveries for " + name + " yet.");
            return;
        }
        Table table = new Table("received", "event", "status", "outcome", "delivery");
        deliveries.forEach(d -> table.row(Times.minute(text(d, "receivedAt")), text(d, "event"), text(d, "status"),
                d.path("outcome").isNull() ? "" : text(d, "outcome"), text(d, "id")));
        table.print(out());
    }
}
