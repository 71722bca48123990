package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.PathSegment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove-member", description = "Remove a member from a team (admins, owners, or yourself).")
public class TeamsRemoveMemberCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TEAM")
    String team;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    public TeamsRemoveMemberCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        api().delete("/teams/" + PathSegment.encode(team) + "/members/" + PathSegment.encode(email));
        out().println("Removed " + email + " from " + team);
    }
}
