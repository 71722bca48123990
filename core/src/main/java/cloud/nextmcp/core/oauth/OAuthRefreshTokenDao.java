package cloud.nextmcp.core.oauth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code oauth_refresh_tokens}: rotated on use, a reused one revokes its family. */
@RegisterConstructorMapper(OAuthRefreshToken.class)
public interface OAuthRefreshTokenDao {
    @SqlUpdate("INSERT INTO oauth_refresh_tokens (token_hash, family, client_id, user_id, app_id, resource, expires_at) "
            + "VALUES (:hash, :family, :clientId, :userId, :appId, :resource, :expiresAt)")
    void insert(@Bind("hash") byte[] hash, @Bind("family") UUID family, @Bind("clientId") String clientId, @Bind("userId") long userId,
                @Bind("appId") long appId, @Bind("resource") String resource, @Bind("expiresAt") Instant expiresAt);

    /** Locks the row, so two concurrent uses of one token cannot both rotate it. */
    @SqlQuery("SELECT id, family, client_id, user_id, app_id, resource, expires_at, used_at, revoked_at FROM oauth_refresh_tokens "
            + "WHERE token_hash = :hash FOR UPDATE")
    Optional<OAuthRefreshToken> findForUpdate(@Bind("hash") byte[] hash);

    @SqlUpdate("UPDATE oauth_refresh_tokens SET used_at = now() WHERE id = :id")
    void markUsed(@Bind("id") long id);

    @SqlUpdate("UPDATE oauth_refresh_tokens SET revoked_at = now() WHERE family = :family AND revoked_at IS NULL")
    int revokeFamily(@Bind("family") UUID family);
}
