package cloud.nextmcp.core.instances;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code instances} table (003-routing.sql). Written only by a runtime's instance records, which
 * NOTIFY {@code routes} with each change; read by the API ({@code ps}) and, through its own join, by routers.
 */
@RegisterConstructorMapper(InstanceRow.class)
public interface InstanceDao {
    String COLUMNS = "id, app_id, release_version, process_type, process_index, address, upper(state) AS state, "
            + "restarts, node, pid, started_at";

    @SqlUpdate("INSERT INTO instances (id, app_id, release_version, process_type, process_index, address, state, node, pid) "
            + "VALUES (:id, :appId, :version, :type, :index, :address, 'starting', :node, :pid)")
    void insertStarting(@Bind("id") String id, @Bind("appId") long appId, @Bind("version") int version,
                        @Bind("type") String processType, @Bind("index") int index, @Bind("address") String address,
                        @Bind("node") String node, @Bind("pid") Long pid);

    /**
     * What a cluster runtime observed of one pod: inserted the first time, later only its address, state and
     * restart count change (the release and {@code web.N} of a pod never do).
     */
    @SqlUpdate("INSERT INTO instances (id, app_id, release_version, process_type, process_index, address, state, restarts, node) "
            + "VALUES (:id, :appId, :version, :type, :index, :address, :state, :restarts, :node) "
            + "ON CONFLICT (id) DO UPDATE SET address = excluded.address, state = excluded.state, "
            + "restarts = excluded.restarts, updated_at = now()")
    void upsert(@Bind("id") String id, @Bind("appId") long appId, @Bind("version") int version,
                @Bind("type") String processType, @Bind("index") int index, @Bind("address") String address,
                @Bind("state") String dbState, @Bind("restarts") int restarts, @Bind("node") String node);

    /** A crashed instance runs again: new address and process, one more restart counted. */
    @SqlUpdate("UPDATE instances SET state = 'starting', address = :address, pid = :pid, restarts = restarts + 1, "
            + "started_at = now(), updated_at = now() WHERE id = :id")
    void restarting(@Bind("id") String id, @Bind("address") String address, @Bind("pid") Long pid);

    @SqlUpdate("UPDATE instances SET state = :state, updated_at = now() WHERE id IN (<ids>)")
    void setState(@BindList("ids") List<String> ids, @Bind("state") String dbState);

    default void setState(List<String> ids, InstanceState state) {
        setState(ids, state.dbValue());
    }

    @SqlUpdate("DELETE FROM instances WHERE id IN (<ids>)")
    void delete(@BindList("ids") List<String> ids);

    @SqlUpdate("DELETE FROM instances WHERE app_id = :appId AND node = :node")
    void deleteOfNode(@Bind("appId") long appId, @Bind("node") String node);

    @SqlQuery("SELECT " + COLUMNS + " FROM instances WHERE node = :node ORDER BY app_id, id")
    List<InstanceRow> ofNode(@Bind("node") String node);

    /** What {@code ps} shows: every instance of the app but stopped ones, by process type and index. */
    @SqlQuery("SELECT " + COLUMNS + " FROM instances WHERE app_id = :appId AND state <> 'stopped' "
            + "ORDER BY process_type, process_index, started_at, id")
    List<InstanceRow> ofApp(@Bind("appId") long appId);
}
