package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.http.PathSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add-member", description = "Add a registered user to a team (admins and owners).")
public class TeamsAddMemberCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TEAM")
    String team;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "member",
            description = "owner, admin, member or viewer (default: ${DEFAULT-VALUE}).")
    Role role;

    @Mixin
    JsonOption json;

    public TeamsAddMemberCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("role", role.apiName());
        JsonNode member = api().post("/teams/" + PathSegment.encode(team) + "/members", body);
        if (json.enabled()) {
            printJson(member);
            return;
        }
        out().println("Added " + text(member, "email") + " to " + team + " as " + text(member, "role"));
    }
}
