package cloud.nextmcp.cli.ps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.autoscale.AutoscaleText;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ps", description = "List an app's running instances.")
public class PsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public PsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode instances = api().get(appPath(name) + "/ps");
        if (json.enabled()) {
            printJson(instances);
            return;
        }
        JsonNode autoscale = api().get(appPath(name) + "/autoscale");
        if (autoscale.path("enabled").asBoolean(false)) {
            out().println("autoscale: " + AutoscaleText.describe(autoscale));
        }
        if (instances.isEmpty()) {
            out().println(name + " has no running instances"
                    + ("asleep".equals(autoscale.path("state").asText()) ? ": asleep, the next request wakes it" : ""));
            return;
        }
        Table table = new Table("instance", "state", "release", "restarts", "started", "address");
        instances.forEach(i -> table.row(text(i, "type") + "." + text(i, "index"), text(i, "state"),
                "v" + text(i, "release"), text(i, "restarts"), Times.minute(text(i, "startedAt")),
                text(i, "address")));
        table.print(out());
    }
}
