package cloud.nextmcp.cli.releases;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "releases", description = "List an app's releases, newest first.",
        subcommands = ReleasesInfoCommand.class)
public class ReleasesCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public ReleasesCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode releases = api().get(appPath(name) + "/releases");
        if (json.enabled()) {
            printJson(releases);
            return;
        }
        if (releases.isEmpty()) {
            out().println(name + " has no releases yet. Deploy with: git push nextmcp main");
            return;
        }
        Table table = new Table("version", "status", "description", "by", "created");
        releases.forEach(r -> table.row("v" + text(r, "version"), status(r), text(r, "description"),
                text(r, "createdBy"), Times.minute(text(r, "createdAt"))));
        table.print(out());
    }

    static String status(JsonNode release) {
        return text(release, "status") + (release.path("current").asBoolean() ? " (current)" : "");
    }
}
