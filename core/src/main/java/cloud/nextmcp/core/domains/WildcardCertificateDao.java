package cloud.nextmcp.core.domains;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code wildcard_certificates}: written by the wildcard certificate manager, read by routers. */
@RegisterConstructorMapper(WildcardCertificateDao.Wildcard.class)
public interface WildcardCertificateDao {
    /** A stored wildcard certificate (chain and key sealed with {@link CertificateDao#context} of {@code *.<appsDomain>}). */
    record Wildcard(String appsDomain, byte[] chainSealed, byte[] keySealed, Instant notBefore, Instant notAfter, String reason,
                    int failures) {
    }

    @SqlUpdate("INSERT INTO wildcard_certificates (apps_domain) VALUES (:appsDomain) ON CONFLICT DO NOTHING")
    void ensure(@Bind("appsDomain") String appsDomain);

    /** Claims the apps domain when it has no certificate or one expiring within renewBefore, pushing the next attempt out by the lease. */
    @SqlQuery("UPDATE wildcard_certificates SET next_at = now() + make_interval(secs => :leaseSeconds) "
            + "WHERE apps_domain = :appsDomain AND next_at <= now() "
            + "AND (not_after IS NULL OR not_after <= now() + make_interval(secs => :renewBeforeSeconds)) RETURNING failures")
    Optional<Integer> claimDue(@Bind("appsDomain") String appsDomain, @Bind("leaseSeconds") long leaseSeconds,
                               @Bind("renewBeforeSeconds") long renewBeforeSeconds);

    @SqlUpdate("UPDATE wildcard_certificates SET chain_sealed = :chain, key_sealed = :key, not_before = :notBefore, "
            + "not_after = :notAfter, reason = NULL, failures = 0, next_at = now() WHERE apps_domain = :appsDomain")
    void store(@Bind("appsDomain") String appsDomain, @Bind("chain") byte[] chainSealed, @Bind("key") byte[] keySealed,
               @Bind("notBefore") Instant notBefore, @Bind("notAfter") Instant notAfter);

    @SqlUpdate("UPDATE wildcard_certificates SET reason = :reason, failures = failures + 1, next_at = :next WHERE apps_domain = :appsDomain")
    void failed(@Bind("appsDomain") String appsDomain, @Bind("reason") String reason, @Bind("next") Instant next);

    @SqlQuery("SELECT apps_domain, chain_sealed, key_sealed, not_before, not_after, reason, failures FROM wildcard_certificates "
            + "WHERE chain_sealed IS NOT NULL")
    List<Wildcard> issued();
}
