package cloud.nextmcp.core.oauth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code oauth_codes}. */
@RegisterConstructorMapper(AuthorizationCode.class)
public interface AuthorizationCodeDao {
    @SqlUpdate("INSERT INTO oauth_codes (code_hash, client_id, user_id, app_id, resource, redirect_uri, code_challenge, expires_at) "
            + "VALUES (:hash, :clientId, :userId, :appId, :resource, :redirectUri, :challenge, :expiresAt)")
    void insert(@Bind("hash") byte[] hash, @Bind("clientId") String clientId, @Bind("userId") long userId, @Bind("appId") long appId,
                @Bind("resource") String resource, @Bind("redirectUri") String redirectUri, @Bind("challenge") String codeChallenge,
                @Bind("expiresAt") Instant expiresAt);

    /** Spends a live code: empty when unknown, expired or spent before (codes are single use). */
    @SqlQuery("UPDATE oauth_codes SET used_at = now() WHERE code_hash = :hash AND used_at IS NULL AND expires_at > now() "
            + "RETURNING client_id, user_id, app_id, resource, redirect_uri, code_challenge")
    Optional<AuthorizationCode> spend(@Bind("hash") byte[] hash);
}
