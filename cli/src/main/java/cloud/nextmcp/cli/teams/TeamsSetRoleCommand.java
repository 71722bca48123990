package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.http.PathSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set-role", description = "Change a member's role (admins; only owners grant or revoke owner).")
public class TeamsSetRoleCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TEAM")
    String team;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    @Parameters(index = "2", paramLabel = "ROLE", description = "owner, admin, member or viewer.")
    Role role;

    @Mixin
    JsonOption json;

    public TeamsSetRoleCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode member = api().put("/teams/" + PathSegment.encode(team) + "/members/" + PathSegment.encode(email),
                Map.of("role", role.apiName()));
        if (json.enabled()) {
            printJson(member);
            return;
        }
        out().println(text(member, "email") + " is now " + text(member, "role") + " of " + team);
    }
}
