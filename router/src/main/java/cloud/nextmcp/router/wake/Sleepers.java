package cloud.nextmcp.router.wake;

import cloud.nextmcp.core.autoscale.SleepState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The autoscaled apps and where each stands (immutable snapshot): a request for one of them that finds no
 * live instance is held instead of refused. Reloaded on NOTIFY {@code autoscale}.
 */
record Sleepers(Map<Long, Entry> apps) {
    static final Sleepers NONE = new Sleepers(Map.of());

    /** An autoscaled app; {@code state} is AWAKE until the autoscaler has decided anything. */
    record Entry(SleepState state, Instant changedAt, String reason) {
    }

    Entry get(long appId) {
        return apps.get(appId);
    }

    static Sleepers load(Jdbi jdbi) {
        Map<Long, Entry> apps = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT a.app_id, s.state, s.changed_at, s.reason FROM autoscale_settings a "
                + "LEFT JOIN autoscale_states s ON s.app_id = a.app_id").map((rs, ctx) -> {
                    String state = rs.getString("state");
                    java.sql.Timestamp changed = rs.getTimestamp("changed_at");
                    apps.put(rs.getLong("app_id"), new Entry(state == null ? SleepState.AWAKE : SleepState.fromDb(state),
                            changed == null ? null : changed.toInstant(), rs.getString("reason")));
                    return null;
                }).list());
        return new Sleepers(Map.copyOf(apps));
    }
}
