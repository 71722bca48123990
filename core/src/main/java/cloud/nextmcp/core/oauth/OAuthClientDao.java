package cloud.nextmcp.core.oauth;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code oauth_clients}. */
@RegisterConstructorMapper(OAuthClient.class)
public interface OAuthClientDao {
    /** Inserts, or refreshes a metadata-document client with what its document says now. */
    @SqlUpdate("INSERT INTO oauth_clients (client_id, client_name, redirect_uris, metadata_url) VALUES (:id, :name, :uris, :url) "
            + "ON CONFLICT (client_id) DO UPDATE SET client_name = excluded.client_name, redirect_uris = excluded.redirect_uris")
    void upsert(@Bind("id") String clientId, @Bind("name") String clientName, @Bind("uris") String[] redirectUris,
                @Bind("url") boolean metadataUrl);

    @SqlQuery("SELECT client_id, client_name, redirect_uris, metadata_url FROM oauth_clients WHERE client_id = :id")
    Optional<OAuthClient> find(@Bind("id") String clientId);
}
