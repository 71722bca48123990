package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.problems.ApiException;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Access JWTs: HS256 only. The verifier is bound to that one algorithm and key, so a token that
 * names another algorithm ({@code none}, HS512, RS256 …) or was signed with another key is refused.
 */
public final class AccessTokens {
    private static final String ISSUER = "nextmcp";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(byte[] key, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(key);
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withClaimPresence("sub")
                .withClaimPresence("exp"))
                .build(clock);
        this.ttl = ttl;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(long userId) {
        // JWT times have whole seconds; truncating keeps the reported expiry equal to the token's.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(Long.toString(userId))
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .withJWTId(UUID.randomUUID().toString())
                .sign(algorithm);
        return new Issued(token, expiresAt);
    }

    /** The user id the token was issued to; throws a 401 problem for any token this server did not issue or that expired. */
    public long verify(String token) {
        try {
            return Long.parseLong(verifier.verify(token).getSubject());
        } catch (TokenExpiredException e) {
            throw ApiException.invalidToken("your session has expired; log in again (nextmcp login)");
        } catch (JWTVerificationException | NumberFormatException e) {
            throw ApiException.invalidToken("the access token is not valid here; log in again (nextmcp login)");
        }
    }
}
