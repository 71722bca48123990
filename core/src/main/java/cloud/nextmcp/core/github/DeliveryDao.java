package cloud.nextmcp.core.github;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Webhook deliveries: inserted by the webhook endpoint, processed once by the GitHub worker. */
@RegisterConstructorMapper(Delivery.class)
public interface DeliveryDao {
    String COLUMNS = "id, event, action, repository, app_id, payload, upper(status) AS status, outcome, received_at, processed_at";

    /** Stores a new delivery; false when the id was seen before (a redelivery does nothing twice). */
    @SqlUpdate("INSERT INTO github_deliveries (id, event, action, repository, app_id, payload, status, outcome, processed_at) "
            + "VALUES (:id, :event, :action, :repository, :appId, :payload, lower(:status), :outcome, "
            + "CASE WHEN :status = 'QUEUED' THEN NULL ELSE now() END) ON CONFLICT (id) DO NOTHING")
    int insert(@Bind("id") String id, @Bind("event") String event, @Bind("action") String action,
               @Bind("repository") String repository, @Bind("appId") Long appId, @Bind("payload") String payload,
               @Bind("status") String status, @Bind("outcome") String outcome);

    /** The oldest queued delivery, locked for this transaction so two workers never process one twice. */
    @SqlQuery("SELECT " + COLUMNS + " FROM github_deliveries WHERE status = 'queued' ORDER BY received_at "
            + "FOR UPDATE SKIP LOCKED LIMIT 1")
    Optional<Delivery> claimNext();

    @SqlUpdate("UPDATE github_deliveries SET status = lower(:status), outcome = :outcome, processed_at = now() WHERE id = :id")
    int finish(@Bind("id") String id, @Bind("status") String status, @Bind("outcome") String outcome);

    @SqlQuery("SELECT " + COLUMNS + " FROM github_deliveries WHERE id = :id")
    Optional<Delivery> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM github_deliveries WHERE app_id = :appId ORDER BY received_at DESC LIMIT :limit")
    List<Delivery> ofApp(@Bind("appId") long appId, @Bind("limit") int limit);
}
