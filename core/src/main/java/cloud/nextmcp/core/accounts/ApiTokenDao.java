package cloud.nextmcp.core.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiToken.class)
public interface ApiTokenDao {
    @SqlUpdate("INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at) "
            + "VALUES (:userId, :name, :hash, :prefix, :expiresAt)")
    @GetGeneratedKeys({"id", "user_id", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"})
    ApiToken insert(@Bind("userId") long userId, @Bind("name") String name, @Bind("hash") byte[] hash,
                    @Bind("prefix") String prefix, @Bind("expiresAt") Instant expiresAt);

    /** The live token with this hash, touching its last use. */
    @SqlQuery("UPDATE api_tokens SET last_used_at = now() WHERE token_hash = :hash AND revoked_at IS NULL "
            + "AND (expires_at IS NULL OR expires_at > now()) "
            + "RETURNING id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at")
    Optional<ApiToken> useByHash(@Bind("hash") byte[] hash);

    @SqlQuery("SELECT id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at "
            + "FROM api_tokens WHERE user_id = :userId AND revoked_at IS NULL ORDER BY id")
    List<ApiToken> listLive(@Bind("userId") long userId);

    @SqlUpdate("UPDATE api_tokens SET revoked_at = now() WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
    int revoke(@Bind("userId") long userId, @Bind("id") long id);
}
