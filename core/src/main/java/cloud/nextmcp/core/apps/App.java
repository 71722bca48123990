package cloud.nextmcp.core.apps;

import java.time.Instant;

public record App(long id, String name, long teamId, String teamName, String deployBranch, Long createdBy,
                  Instant createdAt) {
}
