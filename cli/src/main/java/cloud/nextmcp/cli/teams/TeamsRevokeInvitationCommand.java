package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Revoke an invitation: its link stops working (admins and owners).")
public class TeamsRevokeInvitationCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin
    InvitingTeam team;

    public TeamsRevokeInvitationCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = team.name(api());
        api().delete("/teams/" + PathSegment.encode(name) + "/invitations/" + PathSegment.encode(id));
        out().println("Revoked invitation " + id + " to " + name + "; its link no longer works.");
    }
}
