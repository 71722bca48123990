package cloud.nextmcp.core.apps;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code app_token_grants}. Only grants of live tokens are listed: a revoked token's grant no longer lets anything in. */
@RegisterConstructorMapper(AppTokenGrant.class)
public interface AppTokenGrantDao {
    /** Returns 1 when the grant is new, 0 when the token already had it. */
    @SqlUpdate("INSERT INTO app_token_grants (app_id, token_id, granted_by) VALUES (:appId, :tokenId, :grantedBy) ON CONFLICT DO NOTHING")
    int grant(@Bind("appId") long appId, @Bind("tokenId") long tokenId, @Bind("grantedBy") long grantedBy);

    @SqlUpdate("DELETE FROM app_token_grants WHERE app_id = :appId AND token_id = :tokenId")
    int revoke(@Bind("appId") long appId, @Bind("tokenId") long tokenId);

    @SqlQuery("SELECT g.app_id, g.token_id, t.name AS token_name, u.email AS owner_email, b.email AS granted_by_email, g.created_at "
            + "FROM app_token_grants g JOIN api_tokens t ON t.id = g.token_id JOIN users u ON u.id = t.user_id "
            + "LEFT JOIN users b ON b.id = g.granted_by WHERE g.app_id = :appId AND t.revoked_at IS NULL ORDER BY t.name, g.token_id")
    List<AppTokenGrant> list(@Bind("appId") long appId);
}
