package cloud.nextmcp.router.access;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the authorization server's access tokens: ES256 only (so {@code alg: none} and every
 * other algorithm fail), a {@code kid} of a published key, the issuer, and the expiry. A P-256
 * signature check costs far more than the rest of a request, so a verified token's claims are
 * kept (bounded) and later requests with it only compare its expiry and key against the snapshot.
 */
final class JwtVerifier {
    private static final int MAX_CACHED = 10_000;

    /** What the router needs of a verified token. */
    record Claims(String kid, long userId, String email, String clientId, List<String> audience, boolean mcp, Instant expiresAt) {
    }

    private final String issuer;
    private final Clock clock;
    private final Map<String, Claims> verified = new ConcurrentHashMap<>();

    /** issuer: the API's public URL, required in tokens; null accepts any issuer (tests without an API). */
    JwtVerifier(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The token's claims, or null when it is not a live token of this platform. */
    Claims verify(String token, Map<String, ECPublicKey> keys) {
        Claims c = verified.get(token);
        if (c == null) {
            c = verifySignature(token, keys);
            if (c == null) {
                return null;
            }
            if (verified.size() >= MAX_CACHED) {
                verified.clear(); // crude but bounded; the cache refills from live traffic
            }
            verified.put(token, c);
        }
        if (!c.expiresAt().isAfter(clock.instant()) || !keys.containsKey(c.kid())) {
            verified.remove(token);
            return null;
        }
        return c;
    }

    private Claims verifySignature(String token, Map<String, ECPublicKey> keys) {
        try {
            DecodedJWT unverified = JWT.decode(token);
            ECPublicKey key = unverified.getKeyId() == null ? null : keys.get(unverified.getKeyId());
            if (key == null || !"ES256".equals(unverified.getAlgorithm())) {
                return null;
            }
            com.auth0.jwt.interfaces.Verification v = JWT.require(Algorithm.ECDSA256(key, null)).withClaimPresence("sub")
                    .withClaimPresence("exp").withClaimPresence("aud");
            if (issuer != null) {
                v = v.withIssuer(issuer);
            }
            JWTVerifier verifier = ((JWTVerifier.BaseVerification) v).build(clock);
            DecodedJWT jwt = verifier.verify(unverified);
            String scope = jwt.getClaim("scope").asString();
            return new Claims(jwt.getKeyId(), Long.parseLong(jwt.getSubject()), jwt.getClaim("email").asString(),
                    jwt.getClaim("client_id").asString(), jwt.getAudience(), scope != null && List.of(scope.split(" ")).contains("mcp"),
                    jwt.getExpiresAtAsInstant());
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return null;
        }
    }
}
