package cloud.nextmcp.cli.teams;

import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import cloud.nextmcp.cli.http.PathSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -t/--team TEAM} for invitations; without it, the one team (not the personal one, which
 * has no other members) the caller belongs to.
 */
public class InvitingTeam {
    @Option(names = {"-t", "--team"}, paramLabel = "TEAM", description = "The team (default: your only shared team).")
    String team;

    /** {@code /teams/<team>/invitations}. */
    String invitationsPath(ApiClient api) {
        return "/teams/" + PathSegment.encode(name(api)) + "/invitations";
    }

    String name(ApiClient api) {
        if (team != null && !team.isBlank()) {
            return team.strip();
        }
        List<String> shared = new ArrayList<>();
        for (JsonNode t : api.get("/teams")) {
            if (!t.path("personal").asBoolean()) {
                shared.add(t.path("name").asText());
            }
        }
        if (shared.size() == 1) {
            return shared.get(0);
        }
        throw new CliException(shared.isEmpty()
                ? "you are in no team besides your personal one; create one with `nextmcp teams create NAME`"
                : "you are in several teams (" + String.join(", ", shared) + "); name one with -t TEAM");
    }
}
