package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.http.PathSegment;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "members", description = "List a team's members and their roles.")
public class TeamsMembersCommand extends ApiCommand {

    @Parameters(paramLabel = "TEAM")
    String team;

    @Mixin
    JsonOption json;

    public TeamsMembersCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode members = api().get("/teams/" + PathSegment.encode(team) + "/members");
        if (json.enabled()) {
            printJson(members);
            return;
        }
        Table table = new Table("email", "name", "role", "joined");
        members.forEach(m -> table.row(text(m, "email"), text(m, "name"), text(m, "role"),
                Times.minute(text(m, "joinedAt"))));
        table.print(out());
    }
}
