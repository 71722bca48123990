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
    /** A token for the control API and git over HTTP, not bound to an app. */
    default ApiToken insert(long userId, String name, byte[] hash, String prefix, Instant expiresAt) {
        return insert(userId, name, hash, prefix, expiresAt, null, new String[] {TokenScope.API.dbValue()});
    }

    @SqlUpdate("INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at, app_id, scopes) "
            + "VALUES (:userId, :name, :hash, :prefix, :expiresAt, :appId, :scopes)")
    @GetGeneratedKeys({"id", "user_id", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at", "app_id", "scopes"})
    ApiToken insert(@Bind("userId") long userId, @Bind("name") String name, @Bind("hash") byte[] hash,
                    @Bind("prefix") String prefix, @Bind("expiresAt") Instant expiresAt, @Bind("appId") Long appId,
                    @Bind("scopes") String[] scopes);

    /** The live token with this hash and scope 'api' (app-bound MCP tokens never open the API or git), touching its last use. */
    @SqlQuery("UPDATE api_tokens SET last_used_at = now() WHERE token_hash = :hash AND revoked_at IS NULL AND 'api' = ANY (scopes) "
            + "AND (expires_at IS NULL OR expires_at > now()) "
            + "RETURNING id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at, app_id, scopes")
    Optional<ApiToken> useByHash(@Bind("hash") byte[] hash);

    @SqlQuery("SELECT id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at, app_id, scopes "
            + "FROM api_tokens WHERE user_id = :userId AND revoked_at IS NULL ORDER BY id")
    List<ApiToken> listLive(@Bind("userId") long userId);

    @SqlUpdate("UPDATE api_tokens SET revoked_at = now() WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
    int revoke(@Bind("userId") long userId, @Bind("id") long id);
}
