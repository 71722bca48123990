package cloud.nextmcp.core.apps;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Owner of {@code app_grants} and of {@code apps.visibility}. */
@RegisterConstructorMapper(AppGrant.class)
public interface AppGrantDao {
    /** Returns 1 when the grant is new, 0 when the user already had it. */
    @SqlUpdate("INSERT INTO app_grants (app_id, user_id, granted_by) VALUES (:appId, :userId, :grantedBy) ON CONFLICT DO NOTHING")
    int grant(@Bind("appId") long appId, @Bind("userId") long userId, @Bind("grantedBy") long grantedBy);

    @SqlUpdate("DELETE FROM app_grants WHERE app_id = :appId AND user_id = :userId")
    int revoke(@Bind("appId") long appId, @Bind("userId") long userId);

    @SqlQuery("SELECT g.app_id, g.user_id, u.email, b.email AS granted_by_email, g.created_at FROM app_grants g "
            + "JOIN users u ON u.id = g.user_id LEFT JOIN users b ON b.id = g.granted_by WHERE g.app_id = :appId ORDER BY u.email")
    List<AppGrant> list(@Bind("appId") long appId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM app_grants WHERE app_id = :appId AND user_id = :userId)")
    boolean granted(@Bind("appId") long appId, @Bind("userId") long userId);

    @SqlQuery("SELECT upper(visibility) FROM apps WHERE id = :appId")
    Visibility visibility(@Bind("appId") long appId);

    @SqlUpdate("UPDATE apps SET visibility = :visibility WHERE id = :appId")
    int setVisibility(@Bind("appId") long appId, @Bind("visibility") String visibility);
}
