package cloud.nextmcp.core.github;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Written by the GitHub worker (insert) and the GitHub feedback (what was reported). */
@RegisterConstructorMapper(GithubBuild.class)
public interface GithubBuildDao {
    String COLUMNS = "build_id, repository, commit_sha, environment, deployment_id, reported";

    @SqlUpdate("INSERT INTO github_builds (build_id, repository, commit_sha, environment) VALUES (:buildId, :repository, :sha, :environment)")
    void insert(@Bind("buildId") long buildId, @Bind("repository") String repository, @Bind("sha") String commitSha,
                @Bind("environment") String environment);

    @SqlQuery("SELECT " + COLUMNS + " FROM github_builds WHERE build_id = :buildId")
    Optional<GithubBuild> find(@Bind("buildId") long buildId);

    /** Moves {@code reported} from {@code from} to {@code to}; 0 when another thread or replica reported first. */
    @SqlUpdate("UPDATE github_builds SET reported = :to WHERE build_id = :buildId AND reported = :from")
    int advance(@Bind("buildId") long buildId, @Bind("from") String from, @Bind("to") String to);

    @SqlUpdate("UPDATE github_builds SET deployment_id = :deploymentId WHERE build_id = :buildId")
    int recordDeployment(@Bind("buildId") long buildId, @Bind("deploymentId") long deploymentId);
}
