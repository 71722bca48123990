package cloud.nextmcp.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import java.util.Base64;

/**
 * Settings of the control API, read once at start. Every field but {@code jwtSecret} has a
 * default when left out.
 *
 * @param jwtSecret              base64 of at least 32 random bytes; signs access tokens (HS256)
 * @param accessTokenTtl         lifetime of an access JWT (default 24 hours)
 * @param refreshTokenTtl        lifetime of a refresh token, renewed on each rotation (default 30 days)
 * @param authRateLimitPerMinute requests per minute and client IP to the {@code /auth/*} endpoints (default 30)
 * @param trustForwardedFor      take the client IP from the last {@code X-Forwarded-For} entry; only behind a
 *                               proxy that sets it (default false)
 * @param oauthClientMetadataPrivateAddresses let OAuth client metadata URLs resolve to private, loopback and
 *                               link-local addresses (default false: such URLs are refused; for closed networks only)
 */
public record ControlApiConfig(
        @JsonProperty("jwtSecret") String jwtSecret,
        @JsonProperty("accessTokenTtl") Duration accessTokenTtl,
        @JsonProperty("refreshTokenTtl") Duration refreshTokenTtl,
        @JsonProperty("authRateLimitPerMinute") Integer authRateLimitPerMinute,
        @JsonProperty("trustForwardedFor") Boolean trustForwardedFor,
        @JsonProperty("oauthClientMetadataPrivateAddresses") Boolean oauthClientMetadataPrivateAddresses) {

    public static final int MIN_SECRET_BYTES = 32;

    public ControlApiConfig {
        accessTokenTtl = accessTokenTtl == null ? Duration.hours(24) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.days(30) : refreshTokenTtl;
        authRateLimitPerMinute = authRateLimitPerMinute == null ? 30 : authRateLimitPerMinute;
        trustForwardedFor = trustForwardedFor != null && trustForwardedFor;
        oauthClientMetadataPrivateAddresses = oauthClientMetadataPrivateAddresses != null && oauthClientMetadataPrivateAddresses;
    }

    /** Defaults everywhere, with this secret (how {@code server dev} passes the secret it generated). */
    public static ControlApiConfig withSecret(String jwtSecret) {
        return new ControlApiConfig(jwtSecret, null, null, null, null, null);
    }

    /** The decoded signing key; fails with a message that says how to fix the configuration. */
    public byte[] jwtKey() {
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalArgumentException("api.jwtSecret is not set: put base64 of at least " + MIN_SECRET_BYTES
                    + " random bytes there, e.g. the output of: openssl rand -base64 48");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(jwtSecret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("api.jwtSecret is not valid base64: " + e.getMessage(), e);
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("api.jwtSecret holds " + key.length + " bytes; it needs at least "
                    + MIN_SECRET_BYTES + " (e.g. the output of: openssl rand -base64 48)");
        }
        return key;
    }

    /** Checks every value, so that a bad configuration stops the start instead of the first request. */
    void validate() {
        jwtKey();
        if (accessTokenTtl.toSeconds() < 60) {
            throw new IllegalArgumentException("api.accessTokenTtl must be at least one minute, not " + accessTokenTtl);
        }
        if (refreshTokenTtl.toSeconds() < accessTokenTtl.toSeconds()) {
            throw new IllegalArgumentException("api.refreshTokenTtl (" + refreshTokenTtl
                    + ") must not be shorter than api.accessTokenTtl (" + accessTokenTtl + ")");
        }
        if (authRateLimitPerMinute < 1) {
            throw new IllegalArgumentException("api.authRateLimitPerMinute must be at least 1, not " + authRateLimitPerMinute);
        }
    }
}
