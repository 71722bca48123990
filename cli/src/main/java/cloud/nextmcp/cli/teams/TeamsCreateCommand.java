package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create a team; you become its owner.")
public class TeamsCreateCommand extends ApiCommand {

    @Parameters(paramLabel = "NAME", description = "The team's name (lower-case letters, digits, dashes).")
    String name;

    @Mixin
    JsonOption json;

    public TeamsCreateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode team = api().post("/teams", Map.of("name", name));
        if (json.enabled()) {
            printJson(team);
            return;
        }
        out().println("Created team " + text(team, "name") + " (you are its owner)");
    }
}
