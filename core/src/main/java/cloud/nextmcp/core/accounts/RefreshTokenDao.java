package cloud.nextmcp.core.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(RefreshToken.class)
public interface RefreshTokenDao {
    @SqlUpdate("INSERT INTO refresh_tokens (user_id, family, token_hash, expires_at) VALUES (:userId, :family, :hash, :expiresAt)")
    void insert(@Bind("userId") long userId, @Bind("family") UUID family, @Bind("hash") byte[] hash,
                @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("SELECT id, user_id, family, created_at, expires_at, used_at, revoked_at FROM refresh_tokens "
            + "WHERE token_hash = :hash FOR UPDATE")
    Optional<RefreshToken> findByHashForUpdate(@Bind("hash") byte[] hash);

    /** Without a lock: for checking a dashboard session on each page, which changes nothing. */
    @SqlQuery("SELECT id, user_id, family, created_at, expires_at, used_at, revoked_at FROM refresh_tokens "
            + "WHERE token_hash = :hash")
    Optional<RefreshToken> findByHash(@Bind("hash") byte[] hash);

    @SqlUpdate("UPDATE refresh_tokens SET used_at = now() WHERE id = :id")
    void markUsed(@Bind("id") long id);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = now() WHERE family = :family AND revoked_at IS NULL")
    int revokeFamily(@Bind("family") UUID family);
}
