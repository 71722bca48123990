package cloud.nextmcp.core.autoscale;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code autoscale_states} table (017-autoscale.sql); written only by the runtime leader's
 * autoscaler, which NOTIFYs {@code apps} (runtimes) and {@code autoscale} (routers) with each change.
 */
@RegisterConstructorMapper(AutoscaleState.class)
public interface AutoscaleStateDao {
    String COLUMNS = "app_id, replicas, upper(state) AS state, reason, changed_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM autoscale_states WHERE app_id = :appId")
    Optional<AutoscaleState> find(@Bind("appId") long appId);

    @SqlQuery("SELECT " + COLUMNS + " FROM autoscale_states ORDER BY app_id")
    List<AutoscaleState> all();

    @SqlUpdate("INSERT INTO autoscale_states (app_id, replicas, state, reason) VALUES (:appId, :replicas, :state, :reason) "
            + "ON CONFLICT (app_id) DO UPDATE SET replicas = excluded.replicas, state = excluded.state, "
            + "reason = excluded.reason, changed_at = clock_timestamp()")
    void put(@Bind("appId") long appId, @Bind("replicas") int replicas, @Bind("state") String dbState,
             @Bind("reason") String reason);

    /** States of apps that no longer autoscale. */
    @SqlUpdate("DELETE FROM autoscale_states s WHERE NOT EXISTS (SELECT 1 FROM autoscale_settings a WHERE a.app_id = s.app_id)")
    int removeOrphans();
}
