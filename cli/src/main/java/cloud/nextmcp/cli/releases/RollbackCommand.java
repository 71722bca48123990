package cloud.nextmcp.cli.releases;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = {
    "Roll back to an earlier release (default: the one before the current).",
    "This makes a new release that reuses the older build and config."})
public class RollbackCommand extends ApiCommand {

    @Parameters(arity = "0..1", paramLabel = "vN", converter = ReleaseVersion.class)
    Integer version;

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public RollbackCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode release = api().post(appPath(name) + "/releases/rollback",
                version == null ? Map.of() : Map.of("version", version));
        if (json.enabled()) {
            printJson(release);
            return;
        }
        out().println("Rolled back " + name + ": v" + text(release, "version") + " is rolling out ("
                + text(release, "description") + ")");
    }
}
