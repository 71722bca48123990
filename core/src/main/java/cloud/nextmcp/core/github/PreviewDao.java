package cloud.nextmcp.core.github;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Previews, written through {@link Previews} only. */
@RegisterConstructorMapper(Preview.class)
public interface PreviewDao {
    String SELECT = "SELECT p.app_id, p.parent_id, a.name, p.label, p.pr_number, p.branch, p.commit_sha, p.comment_id, "
            + "p.created_at, p.updated_at FROM previews p JOIN apps a ON a.id = p.app_id ";

    /** The preview app (same team and visibility as its parent), its preview route (no release yet) and its row. */
    @SqlQuery("WITH parent AS (SELECT id, team_id, visibility FROM apps WHERE id = :parentId), "
            + "a AS (INSERT INTO apps (name, team_id, deploy_branch, parent_id, created_by, visibility) "
            + "SELECT :name, team_id, :branch, id, NULL, visibility FROM parent RETURNING id), "
            + "r AS (INSERT INTO routes (hostname, app_id, kind) SELECT :name, id, 'preview' FROM a), "
            + "p AS (INSERT INTO previews (app_id, parent_id, label, pr_number, branch) "
            + "SELECT id, :parentId, :label, :prNumber, :branch FROM a RETURNING app_id) "
            + "SELECT app_id FROM p")
    long insert(@Bind("parentId") long parentId, @Bind("name") String name, @Bind("label") String label,
                @Bind("prNumber") Integer prNumber, @Bind("branch") String branch);

    @SqlQuery(SELECT + "WHERE p.parent_id = :parentId AND p.label = :label")
    Optional<Preview> find(@Bind("parentId") long parentId, @Bind("label") String label);

    @SqlQuery(SELECT + "WHERE p.app_id = :appId")
    Optional<Preview> ofApp(@Bind("appId") long appId);

    @SqlQuery(SELECT + "WHERE p.parent_id = :parentId ORDER BY p.created_at")
    List<Preview> ofParent(@Bind("parentId") long parentId);

    @SqlQuery("SELECT count(*) FROM previews WHERE parent_id = :parentId")
    int count(@Bind("parentId") long parentId);

    @SqlQuery(SELECT + "WHERE p.updated_at < now() - make_interval(days => :days)")
    List<Preview> untouchedFor(@Bind("days") int days);

    @SqlUpdate("UPDATE previews SET commit_sha = :sha, updated_at = now() WHERE app_id = :appId")
    int touch(@Bind("appId") long appId, @Bind("sha") String commitSha);

    @SqlUpdate("UPDATE previews SET comment_id = :commentId WHERE app_id = :appId")
    int recordComment(@Bind("appId") long appId, @Bind("commentId") long commentId);
}
