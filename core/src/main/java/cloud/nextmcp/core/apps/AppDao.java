package cloud.nextmcp.core.apps;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(App.class)
public interface AppDao {
    String SELECT = "SELECT a.id, a.name, a.team_id, t.name AS team_name, a.deploy_branch, a.created_by, a.created_at "
            + "FROM apps a JOIN teams t ON t.id = a.team_id ";

    /** Inserts the app and its production route (no release yet), so the router answers 503, not 404, until the first deploy. */
    @SqlQuery("WITH a AS (INSERT INTO apps (name, team_id, created_by) VALUES (:name, :teamId, :createdBy) RETURNING *), "
            + "r AS (INSERT INTO routes (hostname, app_id, kind) SELECT name, id, 'production' FROM a) "
            + "SELECT a.id, a.name, a.team_id, t.name AS team_name, a.deploy_branch, a.created_by, a.created_at "
            + "FROM a JOIN teams t ON t.id = a.team_id")
    App insert(@Bind("name") String name, @Bind("teamId") long teamId, @Bind("createdBy") Long createdBy);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM apps WHERE name = :name)")
    boolean nameTaken(@Bind("name") String name);

    @SqlQuery(SELECT + "WHERE a.name = :name")
    Optional<App> findByName(@Bind("name") String name);

    @SqlQuery(SELECT + "WHERE a.id = :id")
    Optional<App> findById(@Bind("id") long id);

    @SqlQuery(SELECT + "JOIN memberships m ON m.team_id = a.team_id WHERE m.user_id = :userId AND a.parent_id IS NULL ORDER BY a.name")
    List<App> visibleTo(@Bind("userId") long userId);

    @SqlQuery(SELECT + "WHERE a.team_id = :teamId AND a.parent_id IS NULL ORDER BY a.name")
    List<App> ofTeam(@Bind("teamId") long teamId);

    @SqlUpdate("DELETE FROM apps WHERE id = :id")
    int delete(@Bind("id") long id);
}
