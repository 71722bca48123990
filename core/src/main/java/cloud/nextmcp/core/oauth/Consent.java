package cloud.nextmcp.core.oauth;

import java.time.Instant;

/** A user's consent that a client calls an app for them. */
public record Consent(String clientId, String clientName, long appId, String app, Instant createdAt) {
}
