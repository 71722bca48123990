package cloud.nextmcp.core.builds;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The build queue (see 002-builds.sql). Status values are stored lower-case. */
@RegisterConstructorMapper(Build.class)
public interface BuildDao {
    String COLUMNS = "id, app_id, commit_sha, ref, pusher_id, upper(status) AS status, worker, lease_expires_at, attempts, "
            + "error, buildpack, artifact, image_digest, release_version, created_at, started_at, finished_at, push_quarantine";

    /** A build no push waits for. */
    default Build enqueue(long appId, String commitSha, String ref, Long pusherId) {
        return enqueue(appId, commitSha, ref, pusherId, null);
    }

    /** A build a push waits for; {@code pushQuarantine} is the directory holding the pushed objects until the push is accepted. */
    @SqlQuery("INSERT INTO builds (app_id, commit_sha, ref, pusher_id, push_quarantine) "
            + "VALUES (:appId, :sha, :ref, :pusherId, :quarantine) RETURNING " + COLUMNS)
    Build enqueue(@Bind("appId") long appId, @Bind("sha") String commitSha, @Bind("ref") String ref,
                  @Bind("pusherId") Long pusherId, @Bind("quarantine") String pushQuarantine);

    @SqlQuery("SELECT " + COLUMNS + " FROM builds WHERE id = :id")
    Optional<Build> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM builds WHERE app_id = :appId ORDER BY id DESC LIMIT :limit")
    List<Build> recent(@Bind("appId") long appId, @Bind("limit") int limit);

    /** Whether a push started a build of the app after {@code buildId}: one push at a time, so the push of {@code buildId} is over. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM builds WHERE app_id = :appId AND id > :buildId AND push_quarantine IS NOT NULL)")
    boolean laterPushExists(@Bind("appId") long appId, @Bind("buildId") long buildId);

    /**
     * Claims the oldest queued build, or a running one whose lease expired (its worker died), for
     * {@code worker}. Concurrent workers never claim the same row (SKIP LOCKED).
     */
    @SqlQuery("UPDATE builds SET status = 'running', worker = :worker, attempts = attempts + 1, "
            + "lease_expires_at = now() + make_interval(secs => :leaseSeconds), started_at = coalesce(started_at, now()) "
            + "WHERE id = (SELECT id FROM builds WHERE status = 'queued' "
            + "OR (status = 'running' AND lease_expires_at < now()) ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) "
            + "RETURNING " + COLUMNS)
    Optional<Build> claim(@Bind("worker") String worker, @Bind("leaseSeconds") int leaseSeconds);

    /** Extends the lease; 0 rows means the lease was lost (another worker took the build). */
    @SqlUpdate("UPDATE builds SET lease_expires_at = now() + make_interval(secs => :leaseSeconds) "
            + "WHERE id = :id AND worker = :worker AND status = 'running'")
    int renewLease(@Bind("id") long id, @Bind("worker") String worker, @Bind("leaseSeconds") int leaseSeconds);

    @SqlUpdate("UPDATE builds SET status = 'succeeded', finished_at = now(), lease_expires_at = NULL, "
            + "release_version = :releaseVersion WHERE id = :id AND status = 'running'")
    int succeed(@Bind("id") long id, @Bind("releaseVersion") Integer releaseVersion);

    @SqlUpdate("UPDATE builds SET status = 'failed', finished_at = now(), lease_expires_at = NULL, error = :error "
            + "WHERE id = :id AND status IN ('queued', 'running')")
    int fail(@Bind("id") long id, @Bind("error") String error);

    /** The image (by digest) this build produced, for runtimes that run images; empty when it made none. */
    @SqlQuery("SELECT image FROM builds WHERE id = :id AND image IS NOT NULL")
    Optional<String> image(@Bind("id") long id);
}
