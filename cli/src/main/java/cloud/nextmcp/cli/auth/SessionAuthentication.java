package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import cloud.nextmcp.cli.http.ApiException;
import cloud.nextmcp.cli.http.Authentication;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A logged-in session: sends the access token and trades the refresh token for a new
 * session when the access token has expired or the API says it is no longer good. The
 * refresh token rotates on every use, so each new session is saved at once.
 */
final class SessionAuthentication implements Authentication {

    /** Renew a little early, so a token does not expire between the check and the call. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final CredentialsStore store;
    private final ApiClient anonymous;
    private final Clock clock;
    private Credentials current;

    SessionAuthentication(Credentials credentials, CredentialsStore store, ApiClient anonymous, Clock clock) {
        this.current = credentials;
        this.store = store;
        this.anonymous = anonymous;
        this.clock = clock;
    }

    @Override
    public Optional<String> bearerToken() {
        if (current.renewable() && expired()) {
            refresh();
        }
        return Optional.ofNullable(current.accessToken());
    }

    @Override
    public boolean renewAfterRejection() {
        if (!current.renewable()) {
            return false;
        }
        refresh();
        return true;
    }

    private boolean expired() {
        if (current.accessTokenExpiresAt() == null) {
            return false;
        }
        try {
            Instant expiresAt = Instant.parse(current.accessTokenExpiresAt());
            return !clock.instant().plus(EXPIRY_MARGIN).isBefore(expiresAt);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private void refresh() {
        JsonNode session;
        try {
            session = anonymous.post("/auth/refresh", Map.of("refreshToken", current.refreshToken()));
        } catch (ApiException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                throw new CliException("session expired: run nextmcp login", e);
            }
            throw e;
        }
        Credentials renewed = Credentials.fromSession(current.apiUrl(), session);
        current = renewed.email() == null
                ? new Credentials(renewed.apiUrl(), current.email(), renewed.accessToken(),
                        renewed.accessTokenExpiresAt(), renewed.refreshToken(), renewed.refreshTokenExpiresAt())
                : renewed;
        store.save(current);
    }
}
