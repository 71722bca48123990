package cloud.nextmcp.cli.releases;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Details;
import cloud.nextmcp.cli.output.Json;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show one release, with the names of its config vars.")
public class ReleasesInfoCommand extends ApiCommand {

    @Parameters(paramLabel = "vN", converter = ReleaseVersion.class, description = "The release, e.g. v3.")
    Integer version;

    @Mixin
    AppOption app;

    @ParentCommand
    ReleasesCommand parent;

    @Mixin
    JsonOption json;

    public ReleasesInfoCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app, parent.app);
        JsonNode release = api().get(appPath(name) + "/releases/" + version);
        if (json.enabled()) {
            printJson(release);
            return;
        }
        new Details(name + " v" + text(release, "version"))
                .field("Status", ReleasesCommand.status(release))
                .field("Description", text(release, "description"))
                .field("Build", text(release, "buildId"))
                .field("Commit", text(release, "commit"))
                .field("Created by", text(release, "createdBy"))
                .field("Created", Times.minute(text(release, "createdAt")))
                .field("Config vars", Json.elements(release.path("configKeys")).stream()
                        .map(JsonNode::asText).collect(Collectors.joining(", ")))
                .print(out());
    }
}
