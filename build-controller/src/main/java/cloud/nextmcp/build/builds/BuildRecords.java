package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.ProjectInfo;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The builder's writes to build rows beyond the queue operations of {@link cloud.nextmcp.core.builds.BuildDao}. */
public interface BuildRecords {
    /** The artifact of the newest successful build of this commit, to deploy it again without building. */
    @SqlQuery("SELECT artifact FROM builds WHERE app_id = :appId AND commit_sha = :sha AND status = 'succeeded' "
            + "AND artifact IS NOT NULL ORDER BY id DESC LIMIT 1")
    Optional<String> succeededArtifact(@Bind("appId") long appId, @Bind("sha") String commitSha);

    /** Records the artifact and what it says about the project (the API shows that of the live release's build). */
    default int recordArtifact(long id, String worker, Artifact artifact) {
        ProjectInfo project = artifact.project();
        return recordArtifact(id, worker, artifact.buildpack(), artifact.digest(), project == null ? null : project.name(),
                project == null ? null : project.description());
    }

    @SqlUpdate("UPDATE builds SET buildpack = :buildpack, artifact = :artifact, project_name = :projectName, "
            + "project_description = :projectDescription WHERE id = :id AND worker = :worker AND status = 'running'")
    int recordArtifact(@Bind("id") long id, @Bind("worker") String worker, @Bind("buildpack") String buildpack,
                       @Bind("artifact") String artifact, @Bind("projectName") String projectName,
                       @Bind("projectDescription") String projectDescription);

    /** Records the image pushed for the build: its digest and the full reference a cluster runtime pulls. */
    @SqlUpdate("UPDATE builds SET image_digest = :digest, image = :image WHERE id = :id AND worker = :worker "
            + "AND status = 'running'")
    int recordImage(@Bind("id") long id, @Bind("worker") String worker, @Bind("digest") String digest,
                    @Bind("image") String image);

    /** Makes the running builds of these workers claimable now (their process is gone: it restarted or stopped). */
    @SqlUpdate("UPDATE builds SET lease_expires_at = now() WHERE status = 'running' AND "
            + "left(worker, length(:prefix)) = :prefix")
    int releaseLeases(@Bind("prefix") String workerPrefix);

    @SqlUpdate("UPDATE builds SET lease_expires_at = now() WHERE id = :id AND worker = :worker AND status = 'running'")
    int releaseLease(@Bind("id") long id, @Bind("worker") String worker);
}
