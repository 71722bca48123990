package cloud.nextmcp.api.teams;

import cloud.nextmcp.core.accounts.TeamMembership;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** A team seen by one of its members; {@code role} is that member's, lower-case. */
public record TeamView(String name, String role, boolean personal,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
    public static TeamView of(TeamMembership m) {
        return new TeamView(m.teamName(), m.role().dbValue(), m.personal(), m.createdAt());
    }
}
