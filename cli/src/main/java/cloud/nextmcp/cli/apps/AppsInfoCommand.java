package cloud.nextmcp.cli.apps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.autoscale.AutoscaleText;
import cloud.nextmcp.cli.output.Details;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", description = "Show an app: team, your role, URLs, deploy branch, a NextMCP "
        + "project's name and description from its live release, and its autoscaling when on.")
public class AppsInfoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public AppsInfoCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode info = api().get(appPath(name));
        JsonNode autoscale = api().get(appPath(name) + "/autoscale");
        ((ObjectNode) info).set("autoscale", autoscale);
        if (json.enabled()) {
            printJson(info);
            return;
        }
        new Details(text(info, "name"))
                .field("Team", text(info, "team"))
                .field("Your role", text(info, "role"))
                .field("Web URL", text(info, "webUrl"))
                .field("Git (SSH)", text(info, "gitSshUrl"))
                .field("Git (HTTP)", text(info, "gitHttpUrl"))
                .field("Deploy branch", text(info, "deployBranch"))
                .field("Created", Times.minute(text(info, "createdAt")))
                // Only NextMCP apps have these (from nextmcp.config.yaml of the live release's build).
                .fieldIfSet("Project", text(info, "projectName"))
                .fieldIfSet("Description", text(info, "projectDescription"))
                .fieldIfSet("Autoscale", autoscale.path("enabled").asBoolean(false) ? AutoscaleText.describe(autoscale) : null)
                .print(out());
    }
}
