package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the teams you are in, with your role.")
public class TeamsListCommand extends ApiCommand {

    @Mixin
    JsonOption json;

    public TeamsListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode teams = api().get("/teams");
        if (json.enabled()) {
            printJson(teams);
            return;
        }
        Table table = new Table("name", "role", "personal", "created");
        teams.forEach(t -> table.row(text(t, "name"), text(t, "role"),
                t.path("personal").asBoolean() ? "yes" : "no", Times.minute(text(t, "createdAt"))));
        table.print(out());
    }
}
