package cloud.nextmcp.core.domains;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code certificates}: written by the certificate manager, read by every router. */
@RegisterConstructorMapper(StoredCertificate.class)
public interface CertificateDao {
    /** The associated data chain and key are sealed with, so a sealed value cannot move to another host name. */
    static byte[] context(String hostname, String part) {
        return ("certificate:" + hostname + ":" + part).getBytes(StandardCharsets.UTF_8);
    }

    @SqlUpdate("INSERT INTO certificates (domain_id, hostname, chain_sealed, key_sealed, not_before, not_after) "
            + "VALUES (:domainId, :hostname, :chain, :key, :notBefore, :notAfter) ON CONFLICT (domain_id) DO UPDATE SET "
            + "hostname = excluded.hostname, chain_sealed = excluded.chain_sealed, key_sealed = excluded.key_sealed, "
            + "not_before = excluded.not_before, not_after = excluded.not_after, issued_at = now()")
    void store(@Bind("domainId") long domainId, @Bind("hostname") String hostname, @Bind("chain") byte[] chainSealed,
               @Bind("key") byte[] keySealed, @Bind("notBefore") Instant notBefore, @Bind("notAfter") Instant notAfter);

    @SqlUpdate("DELETE FROM certificates WHERE domain_id = :domainId")
    int delete(@Bind("domainId") long domainId);

    /** The certificates routers serve: those of verified domains only. */
    @SqlQuery("SELECT c.domain_id, c.hostname, c.chain_sealed, c.key_sealed, c.not_before, c.not_after, d.redirect_http "
            + "FROM certificates c JOIN domains d ON d.id = c.domain_id WHERE d.verified_at IS NOT NULL ORDER BY c.hostname")
    List<StoredCertificate> served();
}
