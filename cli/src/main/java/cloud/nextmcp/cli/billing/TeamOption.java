package cloud.nextmcp.cli.billing;

import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import cloud.nextmcp.cli.http.PathSegment;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** {@code --team TEAM}; without it, the caller's personal team. */
public class TeamOption {
    @Option(names = {"-t", "--team"}, paramLabel = "TEAM", description = "The team (default: your personal team).")
    String team;

    /** {@code /teams/<team>/billing}. */
    String billingPath(ApiClient api) {
        return "/teams/" + PathSegment.encode(name(api)) + "/billing";
    }

    private String name(ApiClient api) {
        if (team != null && !team.isBlank()) {
            return team.strip();
        }
        for (JsonNode t : api.get("/teams")) {
            if (t.path("personal").asBoolean()) {
                return t.path("name").asText();
            }
        }
        throw new CliException("you have no personal team; name one with --team");
    }
}
