package cloud.nextmcp.core.keys;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SshKey.class)
public interface SshKeyDao {
    @SqlUpdate("INSERT INTO ssh_keys (user_id, key_type, bits, public_key, fingerprint, comment) "
            + "VALUES (:userId, :type, :bits, :publicKey, :fingerprint, :comment)")
    @GetGeneratedKeys
    SshKey insert(@Bind("userId") long userId, @Bind("type") String type, @Bind("bits") int bits,
                  @Bind("publicKey") String publicKey, @Bind("fingerprint") String fingerprint,
                  @Bind("comment") String comment);

    @SqlQuery("SELECT * FROM ssh_keys WHERE fingerprint = :fingerprint")
    Optional<SshKey> findByFingerprint(@Bind("fingerprint") String fingerprint);

    @SqlQuery("SELECT * FROM ssh_keys WHERE user_id = :userId ORDER BY id")
    List<SshKey> ofUser(@Bind("userId") long userId);

    /** Removes the key; returns its fingerprint, empty when the user has no such key. */
    @SqlQuery("DELETE FROM ssh_keys WHERE user_id = :userId AND (fingerprint = :ref OR CAST(id AS text) = :ref) "
            + "RETURNING fingerprint")
    Optional<String> delete(@Bind("userId") long userId, @Bind("ref") String idOrFingerprint);

    @SqlUpdate("UPDATE ssh_keys SET last_used_at = now() WHERE id = :id")
    void touch(@Bind("id") long id);
}
