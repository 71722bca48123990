package cloud.nextmcp.core.releases;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Releases (see 004-releases.sql). Rows are never changed except for their status. */
@RegisterConstructorMapper(Release.class)
public interface ReleaseDao {
    String COLUMNS = "id, app_id, version, build_id, artifact_digest, config_sealed, description, created_by, "
            + "upper(status) AS status, error, created_at";

    /**
     * Inserts the next release of the app as 'pending'. The version comes from the app's counter row,
     * which the upsert locks, so concurrent callers get distinct consecutive versions.
     */
    @SqlQuery("WITH v AS (INSERT INTO release_counters (app_id, last_version) VALUES (:appId, 1) "
            + "ON CONFLICT (app_id) DO UPDATE SET last_version = release_counters.last_version + 1 RETURNING last_version) "
            + "INSERT INTO releases (app_id, version, build_id, artifact_digest, config_sealed, description, created_by) "
            + "SELECT :appId, v.last_version, :buildId, :digest, :configSealed, :description, :createdBy FROM v "
            + "RETURNING " + COLUMNS)
    Release create(@Bind("appId") long appId, @Bind("buildId") Long buildId, @Bind("digest") String artifactDigest,
                   @Bind("configSealed") byte[] configSealed, @Bind("description") String description,
                   @Bind("createdBy") Long createdBy);

    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId AND version = :version")
    Optional<Release> find(@Bind("appId") long appId, @Bind("version") int version);

    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId ORDER BY version DESC LIMIT :limit")
    List<Release> recent(@Bind("appId") long appId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId AND status = 'live'")
    Optional<Release> live(@Bind("appId") long appId);

    /**
     * The release the app should run: the newest one that is pending or live. A failed release is
     * skipped, so the one that was live before keeps running.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId AND status IN ('pending', 'live') "
            + "ORDER BY version DESC LIMIT 1")
    Optional<Release> desired(@Bind("appId") long appId);

    /** The newest release before {@code version} that once served (rollback's default target). */
    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId AND version < :version AND status = 'superseded' "
            + "ORDER BY version DESC LIMIT 1")
    Optional<Release> lastSupersededBefore(@Bind("appId") long appId, @Bind("version") int version);

    /** Apps that have a release to run (the runtime brings these up after a restart). */
    @SqlQuery("SELECT DISTINCT app_id FROM releases WHERE status IN ('pending', 'live') ORDER BY app_id")
    List<Long> appsWithDesiredRelease();

    /**
     * Makes a pending release live and every other live or older pending release of the app
     * superseded, in one transaction. Returns 0 when the release is no longer pending (e.g. a
     * deployer gave up on it), and changes nothing then.
     */
    @Transaction
    default int markLive(long appId, int version) {
        if (lockPending(appId, version).isEmpty()) {
            return 0;
        }
        supersedeOthers(appId, version);
        return setLive(appId, version);
    }

    @SqlQuery("SELECT id FROM releases WHERE app_id = :appId AND version = :version AND status = 'pending' FOR UPDATE")
    Optional<Long> lockPending(@Bind("appId") long appId, @Bind("version") int version);

    @SqlUpdate("UPDATE releases SET status = 'superseded' WHERE app_id = :appId AND version <> :version "
            + "AND (status = 'live' OR (status = 'pending' AND version < :version))")
    int supersedeOthers(@Bind("appId") long appId, @Bind("version") int version);

    @SqlUpdate("UPDATE releases SET status = 'live', error = NULL WHERE app_id = :appId AND version = :version")
    int setLive(@Bind("appId") long appId, @Bind("version") int version);

    /** Marks a pending release failed; 0 when it had already settled. */
    @SqlUpdate("UPDATE releases SET status = 'failed', error = :error WHERE app_id = :appId AND version = :version "
            + "AND status = 'pending'")
    int markFailed(@Bind("appId") long appId, @Bind("version") int version, @Bind("error") String error);
}
