package cloud.nextmcp.api.oauth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * OAuth access tokens for one app: ES256 JWTs with {@code kid}, the app's canonical URL as
 * audience, the client id and scope {@code mcp}. They open no API endpoint (the API accepts only
 * its own HS256 sessions) and are checked by the router.
 */
final class AppAccessTokens {
    private final String issuer;
    private final SigningKeys keys;
    private final Duration ttl;
    private final Clock clock;

    AppAccessTokens(String issuer, SigningKeys keys, Duration ttl, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.ttl = ttl;
        this.clock = clock;
    }

    Duration ttl() {
        return ttl;
    }

    String issue(long userId, String email, String clientId, String resource) {
        SigningKeys.Current key = keys.current();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create()
                .withKeyId(key.kid())
                .withIssuer(issuer)
                .withSubject(Long.toString(userId))
                .withAudience(resource)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .withJWTId(UUID.randomUUID().toString())
                .withClaim("scope", "mcp")
                .withClaim("client_id", clientId)
                .withClaim("email", email)
                .sign(Algorithm.ECDSA256(null, key.privateKey()));
    }
}
