package cloud.nextmcp.core.releases;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Desired process counts (see 004-releases.sql); an app without a row runs one web process. */
@RegisterConstructorMapper(Formation.class)
public interface FormationDao {
    @SqlQuery("SELECT app_id, process_type, quantity, restart_requested_at FROM formations "
            + "WHERE app_id = :appId AND process_type = :type")
    Optional<Formation> find(@Bind("appId") long appId, @Bind("type") String processType);

    /** The formation, or the default (one web process) when none was set. */
    default Formation web(long appId) {
        return find(appId, Formation.WEB).orElse(new Formation(appId, Formation.WEB, Formation.DEFAULT_WEB_QUANTITY, null));
    }

    @SqlUpdate("INSERT INTO formations (app_id, process_type, quantity) VALUES (:appId, :type, :quantity) "
            + "ON CONFLICT (app_id, process_type) DO UPDATE SET quantity = excluded.quantity, updated_at = now()")
    void scale(@Bind("appId") long appId, @Bind("type") String processType, @Bind("quantity") int quantity);

    @SqlUpdate("INSERT INTO formations (app_id, process_type, quantity, restart_requested_at) "
            + "VALUES (:appId, :type, " + Formation.DEFAULT_WEB_QUANTITY + ", clock_timestamp()) "
            + "ON CONFLICT (app_id, process_type) DO UPDATE SET restart_requested_at = clock_timestamp(), updated_at = now()")
    void requestRestart(@Bind("appId") long appId, @Bind("type") String processType);
}
