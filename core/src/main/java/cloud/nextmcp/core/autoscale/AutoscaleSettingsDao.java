package cloud.nextmcp.core.autoscale;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code autoscale_settings} table (017-autoscale.sql); written only by {@link Autoscaling}. */
@RegisterConstructorMapper(AutoscaleSettings.class)
public interface AutoscaleSettingsDao {
    String COLUMNS = "app_id, min_instances, max_instances, idle_seconds, target_concurrency";

    @SqlQuery("SELECT " + COLUMNS + " FROM autoscale_settings WHERE app_id = :appId")
    Optional<AutoscaleSettings> find(@Bind("appId") long appId);

    @SqlQuery("SELECT " + COLUMNS + " FROM autoscale_settings ORDER BY app_id")
    List<AutoscaleSettings> all();

    @SqlUpdate("INSERT INTO autoscale_settings (" + COLUMNS + ") VALUES (:appId, :min, :max, :idle, :target) "
            + "ON CONFLICT (app_id) DO UPDATE SET min_instances = excluded.min_instances, max_instances = excluded.max_instances, "
            + "idle_seconds = excluded.idle_seconds, target_concurrency = excluded.target_concurrency, updated_at = now()")
    void put(@Bind("appId") long appId, @Bind("min") int min, @Bind("max") int max, @Bind("idle") int idleSeconds,
             @Bind("target") int targetConcurrency);

    @SqlUpdate("DELETE FROM autoscale_settings WHERE app_id = :appId")
    int remove(@Bind("appId") long appId);
}
