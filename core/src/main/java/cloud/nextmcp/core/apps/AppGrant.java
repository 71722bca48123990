package cloud.nextmcp.core.apps;

import java.time.Instant;

/** A user outside an app's team allowed to call the app while it is private. */
public record AppGrant(long appId, long userId, String email, String grantedByEmail, Instant createdAt) {
}
