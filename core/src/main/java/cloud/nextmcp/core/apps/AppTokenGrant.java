package cloud.nextmcp.core.apps;

import java.time.Instant;

/** One API token allowed to call an app while it is private, whoever owns it; never carries the secret. */
public record AppTokenGrant(long appId, long tokenId, String tokenName, String ownerEmail, String grantedByEmail, Instant createdAt) {
}
