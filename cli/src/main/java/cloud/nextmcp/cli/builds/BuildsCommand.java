package cloud.nextmcp.cli.builds;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "builds", description = "List an app's builds, newest first.", subcommands = BuildsLogCommand.class)
public class BuildsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public BuildsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode builds = api().get(appPath(name) + "/builds");
        if (json.enabled()) {
            printJson(builds);
            return;
        }
        if (builds.isEmpty()) {
            out().println(name + " has no builds yet. Deploy with: git push nextmcp main");
            return;
        }
        Table table = new Table("id", "status", "commit", "ref", "pusher", "release", "created");
        builds.forEach(b -> table.row(text(b, "id"), text(b, "status"), shortCommit(text(b, "commit")),
                text(b, "ref"), text(b, "pusher"),
                b.hasNonNull("releaseVersion") ? "v" + text(b, "releaseVersion") : "",
                Times.minute(text(b, "createdAt"))));
        table.print(out());
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
