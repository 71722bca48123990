package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "invitations", description = "List a team's open invitations (any member).",
        subcommands = TeamsRevokeInvitationCommand.class)
public class TeamsInvitationsCommand extends ApiCommand {

    @Mixin
    InvitingTeam team;

    @Mixin
    JsonOption json;

    public TeamsInvitationsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode invitations = api().get(team.invitationsPath(api()));
        if (json.enabled()) {
            printJson(invitations);
            return;
        }
        if (invitations.isEmpty()) {
            out().println("No open invitations. Invite someone with: nextmcp teams invite EMAIL --role ROLE");
            return;
        }
        Table table = new Table("id", "email", "role", "state", "invited by", "expires");
        invitations.forEach(i -> table.row(text(i, "id"), text(i, "email"), text(i, "role"), text(i, "state"),
                text(i, "invitedBy"), Times.minute(text(i, "expiresAt"))));
        table.print(out());
    }
}
