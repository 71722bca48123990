package cloud.nextmcp.core.github;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Written by the control API's GitHub resource only. */
@RegisterConstructorMapper(GithubConnection.class)
public interface GithubConnectionDao {
    String COLUMNS = "app_id, repository, production_branch, previews, connected_by, created_at";

    @SqlQuery("INSERT INTO github_connections (app_id, repository, production_branch, previews, connected_by) "
            + "VALUES (:appId, :repository, :branch, :previews, :by) ON CONFLICT (app_id) DO UPDATE SET "
            + "repository = excluded.repository, production_branch = excluded.production_branch, "
            + "previews = excluded.previews, connected_by = excluded.connected_by RETURNING " + COLUMNS)
    GithubConnection connect(@Bind("appId") long appId, @Bind("repository") String repository,
                             @Bind("branch") String productionBranch, @Bind("previews") String previews, @Bind("by") Long by);

    @SqlQuery("SELECT " + COLUMNS + " FROM github_connections WHERE app_id = :appId")
    Optional<GithubConnection> ofApp(@Bind("appId") long appId);

    @SqlQuery("SELECT " + COLUMNS + " FROM github_connections WHERE repository = lower(:repository)")
    Optional<GithubConnection> ofRepository(@Bind("repository") String repository);

    @SqlUpdate("DELETE FROM github_connections WHERE app_id = :appId")
    int disconnect(@Bind("appId") long appId);
}
