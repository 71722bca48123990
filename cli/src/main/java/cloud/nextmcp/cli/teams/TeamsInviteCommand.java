package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "invite", description = {"Invite an e-mail address to a team (admins and owners; owners to invite an owner).",
        "Prints a single-use link, valid 7 days, shown only now: send it to them. Only an account with that",
        "address can accept it (nextmcp teams join LINK, or open the link in a browser)."})
public class TeamsInviteCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EMAIL")
    String email;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "member",
            description = "owner, admin, member or viewer (default: ${DEFAULT-VALUE}).")
    Role role;

    @Mixin
    InvitingTeam team;

    @Mixin
    JsonOption json;

    public TeamsInviteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("role", role.apiName());
        JsonNode invitation = api().post(team.invitationsPath(api()), body);
        if (json.enabled()) {
            printJson(invitation);
            return;
        }
        out().println("Invited " + text(invitation, "email") + " to " + text(invitation, "team") + " as "
                + text(invitation, "role") + " (invitation " + text(invitation, "id") + ", valid until "
                + Times.minute(text(invitation, "expiresAt")) + ").");
        out().println("Send them this link; it is not shown again and works once, for that address only:");
        out().println("  " + text(invitation, "url"));
    }
}
