package cloud.nextmcp.core.billing;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code stripe_events} (010-billing.sql): each delivered event id once. */
public interface StripeEventDao {
    /** 1 for an event not seen before, 0 for a replay. */
    @SqlUpdate("INSERT INTO stripe_events (id, type) VALUES (:id, :type) ON CONFLICT (id) DO NOTHING")
    int insert(@Bind("id") String id, @Bind("type") String type);

    @SqlUpdate("UPDATE stripe_events SET processed_at = now(), error = :error WHERE id = :id")
    int processed(@Bind("id") String id, @Bind("error") String error);
}
