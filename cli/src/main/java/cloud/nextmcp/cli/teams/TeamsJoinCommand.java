package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "join", description = "Accept an invitation to a team, as the account it was sent to.")
public class TeamsJoinCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "LINK", description = "The invitation link, or its last part (nmci_…).")
    String link;

    @Mixin
    JsonOption json;

    public TeamsJoinCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode invitation = api().post("/invitations/accept", Map.of("code", link.strip()));
        if (json.enabled()) {
            printJson(invitation);
            return;
        }
        out().println("Joined " + text(invitation, "team") + " as " + text(invitation, "role")
                + ". Its apps: nextmcp apps list --team " + text(invitation, "team"));
    }
}
