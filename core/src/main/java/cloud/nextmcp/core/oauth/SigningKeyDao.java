package cloud.nextmcp.core.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code oauth_signing_keys}. */
@RegisterConstructorMapper(SigningKey.class)
public interface SigningKeyDao {
    String COLUMNS = "SELECT kid, public_key, private_key_sealed, created_at, retires_at FROM oauth_signing_keys ";

    @SqlUpdate("INSERT INTO oauth_signing_keys (kid, public_key, private_key_sealed, retires_at) VALUES (:kid, :pub, :priv, :retiresAt)")
    void insert(@Bind("kid") String kid, @Bind("pub") byte[] publicKey, @Bind("priv") byte[] privateKeySealed,
                @Bind("retiresAt") Instant retiresAt);

    /** The key to sign with: the newest one. */
    @SqlQuery(COLUMNS + "ORDER BY created_at DESC LIMIT 1")
    Optional<SigningKey> newest();

    /** Keys whose tokens may still be live: published in the JWKS and trusted by routers. */
    @SqlQuery(COLUMNS + "WHERE retires_at > now() ORDER BY created_at DESC")
    List<SigningKey> published();

    /** Serializes key creation across API replicas (transaction-scoped advisory lock). */
    @SqlQuery("SELECT pg_advisory_xact_lock(hashtext('oauth_signing_keys'))::text")
    String lock();
}
