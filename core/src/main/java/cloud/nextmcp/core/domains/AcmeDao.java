package cloud.nextmcp.core.domains;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code acme_account} and {@code acme_challenges}: written by the certificate manager, challenges read by routers. */
@RegisterConstructorMapper(AcmeDao.Challenge.class)
public interface AcmeDao {
    /** The associated data of the sealed account key. */
    byte[] ACCOUNT_KEY_CONTEXT = "acme-account-key".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** An HTTP-01 answer: {@code GET /.well-known/acme-challenge/<token>} on {@code hostname} returns keyAuthorization. */
    record Challenge(String token, String hostname, String keyAuthorization) {
    }

    @SqlQuery("SELECT key_sealed FROM acme_account WHERE id = 1")
    Optional<byte[]> accountKey();

    /** Returns 0 when another replica stored its key first (then read that one). */
    @SqlUpdate("INSERT INTO acme_account (id, key_sealed) VALUES (1, :key) ON CONFLICT DO NOTHING")
    int storeAccountKey(@Bind("key") byte[] sealed);

    @SqlUpdate("INSERT INTO acme_challenges (token, hostname, key_authorization, expires_at) "
            + "VALUES (:token, :hostname, :keyAuthorization, :expiresAt) ON CONFLICT (token) DO NOTHING")
    void addChallenge(@Bind("token") String token, @Bind("hostname") String hostname,
                      @Bind("keyAuthorization") String keyAuthorization, @Bind("expiresAt") Instant expiresAt);

    @SqlUpdate("DELETE FROM acme_challenges WHERE token = :token OR expires_at < now()")
    void removeChallenge(@Bind("token") String token);

    @SqlQuery("SELECT token, hostname, key_authorization FROM acme_challenges WHERE expires_at > now()")
    List<Challenge> liveChallenges();
}
