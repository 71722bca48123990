package cloud.nextmcp.core.github;

import java.time.Instant;

/** A preview deployment: app {@code appId} named {@code <label>--<parent>}, under app {@code parentId}. */
public record Preview(long appId, long parentId, String name, String label, Integer prNumber, String branch,
                      String commitSha, Long commentId, Instant createdAt, Instant updatedAt) {
}
