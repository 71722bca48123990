package cloud.nextmcp.core.oauth;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code oauth_consents}. */
@RegisterConstructorMapper(Consent.class)
public interface ConsentDao {
    /** 1 when the consent is new. */
    @SqlUpdate("INSERT INTO oauth_consents (user_id, client_id, app_id) VALUES (:userId, :clientId, :appId) ON CONFLICT DO NOTHING")
    int give(@Bind("userId") long userId, @Bind("clientId") String clientId, @Bind("appId") long appId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM oauth_consents WHERE user_id = :userId AND client_id = :clientId AND app_id = :appId)")
    boolean given(@Bind("userId") long userId, @Bind("clientId") String clientId, @Bind("appId") long appId);

    @SqlQuery("SELECT c.client_id, cl.client_name, c.app_id, a.name AS app, c.created_at FROM oauth_consents c "
            + "JOIN oauth_clients cl ON cl.client_id = c.client_id JOIN apps a ON a.id = c.app_id "
            + "WHERE c.user_id = :userId ORDER BY a.name, c.client_id")
    List<Consent> ofUser(@Bind("userId") long userId);

    /** Withdraws the consent and ends the refresh tokens it allowed. */
    @SqlUpdate("WITH r AS (UPDATE oauth_refresh_tokens SET revoked_at = now() WHERE user_id = :userId AND client_id = :clientId "
            + "AND app_id = :appId AND revoked_at IS NULL) "
            + "DELETE FROM oauth_consents WHERE user_id = :userId AND client_id = :clientId AND app_id = :appId")
    int withdraw(@Bind("userId") long userId, @Bind("clientId") String clientId, @Bind("appId") long appId);
}
