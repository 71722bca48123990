package cloud.nextmcp.api.apps;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the running code of apps says it is: the project name and description the builder recorded
 * on the build of each app's live release (a rollback's release points at the older build).
 */
@RegisterConstructorMapper(LiveProjects.Project.class)
public interface LiveProjects {
    record Project(long appId, String name, String description) {
    }

    /** Apps without a live release, or whose live build recorded neither value, have no row. */
    @SqlQuery("SELECT r.app_id, b.project_name AS name, b.project_description AS description "
            + "FROM releases r JOIN builds b ON b.id = r.build_id WHERE r.status = 'live' AND r.app_id IN (<appIds>) "
            + "AND (b.project_name IS NOT NULL OR b.project_description IS NOT NULL)")
    List<Project> of(@BindList(value = "appIds", onEmpty = BindList.EmptyHandling.NULL_STRING) List<Long> appIds);
}
