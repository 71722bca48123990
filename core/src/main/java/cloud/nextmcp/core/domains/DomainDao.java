package cloud.nextmcp.core.domains;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Owner of {@code domains} and of the {@code custom} rows of {@code routes}. The API inserts and
 * removes claims; the domain verifier and the certificate manager move their state.
 */
@RegisterConstructorMapper(Domain.class)
public interface DomainDao {
    String SELECT = "SELECT d.id, d.hostname, d.app_id, a.name AS app_name, a.team_id, upper(d.state) AS state, d.reason, "
            + "d.token, d.redirect_http, d.verified_at, d.txt_missing_since, d.dns_failures, d.next_check_at, "
            + "d.last_checked_at, d.cert_failures, d.next_cert_at, c.not_after AS certificate_not_after, d.created_at "
            + "FROM domains d JOIN apps a ON a.id = d.app_id LEFT JOIN certificates c ON c.domain_id = d.id ";

    /** The claim's unique constraint, for 409 answers. */
    String UNIQUE_CLAIM = "domains_hostname_app_id_key";

    @SqlUpdate("INSERT INTO domains (hostname, app_id, token, redirect_http) VALUES (:hostname, :appId, :token, :redirectHttp)")
    @GetGeneratedKeys("id")
    long insert(@Bind("hostname") String hostname, @Bind("appId") long appId, @Bind("token") String token,
                @Bind("redirectHttp") boolean redirectHttp);

    @SqlQuery(SELECT + "WHERE d.app_id = :appId ORDER BY d.hostname")
    List<Domain> listForApp(@Bind("appId") long appId);

    @SqlQuery(SELECT + "WHERE d.app_id = :appId AND d.hostname = :hostname")
    Optional<Domain> find(@Bind("appId") long appId, @Bind("hostname") String hostname);

    @SqlQuery(SELECT + "WHERE d.id = :id")
    Optional<Domain> byId(@Bind("id") long id);

    /** The row, locked until the transaction ends (a check's outcome is applied to the row as it is now). */
    @SqlQuery(SELECT + "WHERE d.id = :id FOR UPDATE OF d")
    Optional<Domain> lock(@Bind("id") long id);

    /** The verified claim of a host name, whichever app holds it. */
    @SqlQuery(SELECT + "WHERE d.hostname = :hostname AND d.verified_at IS NOT NULL")
    Optional<Domain> verifiedClaim(@Bind("hostname") String hostname);

    @SqlUpdate("DELETE FROM domains WHERE id = :id")
    int delete(@Bind("id") long id);

    @SqlUpdate("UPDATE domains SET redirect_http = :redirect, updated_at = now() WHERE id = :id")
    int setRedirectHttp(@Bind("id") long id, @Bind("redirect") boolean redirect);

    /** Asks the verifier to check now (the {@code verify} command). */
    @SqlUpdate("UPDATE domains SET next_check_at = now(), updated_at = now() WHERE id = :id")
    int checkNow(@Bind("id") long id);

    /**
     * Claims domains due for a DNS check, oldest first, pushing their next check out by the lease so
     * another verifier replica skips them meanwhile.
     */
    @SqlQuery("UPDATE domains SET next_check_at = now() + make_interval(secs => :leaseSeconds) WHERE id IN ("
            + "SELECT id FROM domains WHERE next_check_at <= now() ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED"
            + ") RETURNING id")
    List<Long> claimDueChecks(@Bind("limit") int limit, @Bind("leaseSeconds") long leaseSeconds);

    /** A failed ownership check of an unverified claim. */
    @SqlUpdate("UPDATE domains SET state = 'pending_ownership', reason = :reason, dns_failures = dns_failures + 1, "
            + "next_check_at = :next, last_checked_at = now(), updated_at = now() WHERE id = :id")
    int ownershipNotProven(@Bind("id") long id, @Bind("reason") String reason, @Bind("next") Instant next);

    /** A check that found the TXT record: verified (from now if not before), with the state its DNS and certificate give. */
    @SqlUpdate("UPDATE domains SET verified_at = coalesce(verified_at, now()), txt_missing_since = NULL, "
            + "state = lower(:state), reason = :reason, dns_failures = :failures, next_check_at = :next, "
            + "last_checked_at = now(), updated_at = now() WHERE id = :id")
    int checked(@Bind("id") long id, @Bind("state") DomainState state, @Bind("reason") String reason,
                @Bind("failures") int failures, @Bind("next") Instant next);

    /** A verified domain whose TXT record is gone: still served until the grace period ends. */
    @SqlUpdate("UPDATE domains SET txt_missing_since = coalesce(txt_missing_since, now()), state = 'failing', "
            + "reason = :reason, next_check_at = :next, last_checked_at = now(), updated_at = now() WHERE id = :id")
    int txtMissing(@Bind("id") long id, @Bind("reason") String reason, @Bind("next") Instant next);

    /** Ownership lapsed: back to an unverified claim (its route is deleted with {@link #deleteRoute}). */
    @SqlUpdate("UPDATE domains SET verified_at = NULL, txt_missing_since = NULL, state = 'pending_ownership', "
            + "reason = :reason, dns_failures = 0, next_check_at = :next, last_checked_at = now(), updated_at = now() "
            + "WHERE id = :id")
    int unverify(@Bind("id") long id, @Bind("reason") String reason, @Bind("next") Instant next);

    /** Every other claim of the name: the verified one loses it when a new claim proves ownership. */
    @SqlQuery(SELECT + "WHERE d.hostname = :hostname AND d.id <> :id AND d.verified_at IS NOT NULL")
    List<Domain> otherVerifiedClaims(@Bind("hostname") String hostname, @Bind("id") long id);

    /** The route of a verified domain, serving the app's production release (null: not deployed yet, 503). */
    @SqlUpdate("INSERT INTO routes (hostname, app_id, kind, release_version) "
            + "SELECT :hostname, :appId, 'custom', (SELECT release_version FROM routes WHERE app_id = :appId AND kind = 'production') "
            + "ON CONFLICT (hostname) DO UPDATE SET app_id = excluded.app_id, kind = 'custom', "
            + "release_version = excluded.release_version, updated_at = now() WHERE routes.kind = 'custom'")
    int upsertRoute(@Bind("hostname") String hostname, @Bind("appId") long appId);

    @SqlUpdate("DELETE FROM routes WHERE hostname = :hostname AND kind = 'custom'")
    int deleteRoute(@Bind("hostname") String hostname);

    // Certificates: the manager's queue.

    /**
     * Claims verified domains that need a certificate (none, or one expiring within renewBefore)
     * and whose DNS points at the platform, pushing their next attempt out by the lease.
     */
    @SqlQuery("UPDATE domains SET next_cert_at = now() + make_interval(secs => :leaseSeconds) WHERE id IN ("
            + "SELECT d.id FROM domains d LEFT JOIN certificates c ON c.domain_id = d.id "
            + "WHERE d.verified_at IS NOT NULL AND d.txt_missing_since IS NULL AND d.state <> 'pending_dns' "
            + "AND d.next_cert_at <= now() AND (c.domain_id IS NULL OR c.not_after <= now() + make_interval(secs => :renewBeforeSeconds)) "
            + "ORDER BY d.next_cert_at LIMIT :limit FOR UPDATE OF d SKIP LOCKED) RETURNING id")
    List<Long> claimDueCertificates(@Bind("limit") int limit, @Bind("leaseSeconds") long leaseSeconds,
                                    @Bind("renewBeforeSeconds") long renewBeforeSeconds);

    @SqlUpdate("UPDATE domains SET state = 'active', reason = NULL, cert_failures = 0, next_cert_at = now(), "
            + "updated_at = now() WHERE id = :id AND verified_at IS NOT NULL")
    int certificateIssued(@Bind("id") long id);

    @SqlUpdate("UPDATE domains SET state = 'failing', reason = :reason, cert_failures = cert_failures + 1, "
            + "next_cert_at = :next, updated_at = now() WHERE id = :id AND verified_at IS NOT NULL")
    int certificateFailed(@Bind("id") long id, @Bind("reason") String reason, @Bind("next") Instant next);
}
