package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.users.UserView;
import cloud.nextmcp.core.accounts.RefreshTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Issues a session: an access JWT plus a refresh token of a family. Logging in starts a family;
 * each refresh continues it with a new token, so that reuse of a spent token can end the family.
 */
public final class Sessions {
    private final AccessTokens accessTokens;
    private final Secrets secrets;
    private final Duration refreshTokenTtl;
    private final Clock clock;

    public Sessions(AccessTokens accessTokens, Secrets secrets, Duration refreshTokenTtl, Clock clock) {
        this.accessTokens = accessTokens;
        this.secrets = secrets;
        this.refreshTokenTtl = refreshTokenTtl;
        this.clock = clock;
    }

    public SessionView start(Handle handle, User user) {
        return continueFamily(handle, user, UUID.randomUUID());
    }

    public SessionView continueFamily(Handle handle, User user, UUID family) {
        String refreshToken = secrets.newRefreshToken();
        Instant refreshExpiresAt = clock.instant().plus(refreshTokenTtl);
        handle.attach(RefreshTokenDao.class).insert(user.id(), family, Secrets.hash(refreshToken), refreshExpiresAt);
        AccessTokens.Issued access = accessTokens.issue(user.id());
        return new SessionView(UserView.of(user), access.token(), access.expiresAt(), refreshToken, refreshExpiresAt);
    }
}
