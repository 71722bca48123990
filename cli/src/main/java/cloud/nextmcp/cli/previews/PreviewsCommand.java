package cloud.nextmcp.cli.previews;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "previews", description = "List the app's preview deployments (pull requests and branches).",
        subcommands = {PreviewsDestroyCommand.class})
public class PreviewsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public PreviewsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode previews = api().get(appPath(name) + "/previews");
        if (json.enabled()) {
            printJson(previews);
            return;
        }
        if (previews.isEmpty()) {
            out().println(name + " has no previews. Pull requests and branch pushes make them once the app is connected: "
                    + "nextmcp github connect OWNER/REPO -a " + name);
            return;
        }
        Table table = new Table("preview", "url", "commit", "branch", "updated");
        previews.forEach(p -> table.row(text(p, "preview"), text(p, "url"),
                p.path("commit").isNull() ? "" : text(p, "commit").substring(0, 7), text(p, "branch"),
                Times.minute(text(p, "updatedAt"))));
        table.print(out());
    }
}
