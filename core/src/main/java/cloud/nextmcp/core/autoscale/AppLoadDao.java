package cloud.nextmcp.core.autoscale;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code app_load} table (017-autoscale.sql): one row per router replica and app, written only by
 * that router's load reporter; the autoscaler reads the sums.
 */
@RegisterConstructorMapper(AppLoad.class)
public interface AppLoadDao {
    @SqlUpdate("INSERT INTO app_load (app_id, router_id, in_flight, open_streams, waiting, last_request_at, sampled_at) "
            + "SELECT :appId, :routerId, :inFlight, :streams, :waiting, :lastRequestAt, clock_timestamp() "
            + "WHERE EXISTS (SELECT 1 FROM apps WHERE id = :appId) "
            + "ON CONFLICT (app_id, router_id) DO UPDATE SET in_flight = excluded.in_flight, open_streams = excluded.open_streams, "
            + "waiting = excluded.waiting, last_request_at = GREATEST(app_load.last_request_at, excluded.last_request_at), "
            + "sampled_at = excluded.sampled_at")
    void sample(@Bind("appId") long appId, @Bind("routerId") String routerId, @Bind("inFlight") int inFlight,
                @Bind("streams") int openStreams, @Bind("waiting") int waiting, @Bind("lastRequestAt") Instant lastRequestAt);

    /** A router holds {@code waiting} requests for a sleeping app: the wake request (NOTIFY wakes goes with it). */
    @SqlUpdate("INSERT INTO app_load (app_id, router_id, in_flight, open_streams, waiting, last_request_at, wake_requested_at, sampled_at) "
            + "SELECT :appId, :routerId, 0, 0, :waiting, clock_timestamp(), clock_timestamp(), clock_timestamp() "
            + "WHERE EXISTS (SELECT 1 FROM apps WHERE id = :appId) "
            + "ON CONFLICT (app_id, router_id) DO UPDATE SET waiting = excluded.waiting, last_request_at = excluded.last_request_at, "
            + "wake_requested_at = excluded.wake_requested_at, sampled_at = excluded.sampled_at")
    void wakeRequested(@Bind("appId") long appId, @Bind("routerId") String routerId, @Bind("waiting") int waiting);

    /**
     * The app's load over the samples taken within {@code freshSince} (older ones are routers that
     * stopped: their counts no longer hold, their last request time still does).
     */
    @SqlQuery("SELECT :appId AS app_id, "
            + "COALESCE(SUM(in_flight) FILTER (WHERE sampled_at >= :freshSince), 0)::int AS in_flight, "
            + "COALESCE(SUM(open_streams) FILTER (WHERE sampled_at >= :freshSince), 0)::int AS open_streams, "
            + "COALESCE(SUM(waiting) FILTER (WHERE sampled_at >= :freshSince), 0)::int AS waiting, "
            + "MAX(last_request_at) AS last_request_at, MAX(wake_requested_at) AS wake_requested_at "
            + "FROM app_load WHERE app_id = :appId")
    Optional<AppLoad> of(@Bind("appId") long appId, @Bind("freshSince") Instant freshSince);
}
