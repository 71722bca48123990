package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The runtime's writes to the route table (003-routing.sql): one {@code instances} row per
 * running process, and the production route's release. Every change NOTIFYs {@code routes}
 * (payload: the app id) so routers re-read the app.
 */
final class InstanceTable {
    /** A row left by an earlier run of the runtime on this node. */
    record Leftover(String id, long appId, Long pid, Instant startedAt) {
    }

    private final Jdbi jdbi;
    private final String node;

    InstanceTable(Jdbi jdbi, String node) {
        this.jdbi = jdbi;
        this.node = node;
    }

    void starting(String id, long appId, int version, int port, long pid) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO instances (id, app_id, release_version, process_type, address, state, node, pid) "
                        + "VALUES (:id, :appId, :version, 'web', :address, 'starting', :node, :pid)")
                .bind("id", id).bind("appId", appId).bind("version", version).bind("address", address(port))
                .bind("node", node).bind("pid", pid)
                .execute());
    }

    /** A crashed instance starts again: new process, new port, one more restart counted. */
    void restarting(String id, int port, long pid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE instances SET state = 'starting', address = :address, pid = :pid, "
                        + "restarts = restarts + 1, started_at = now(), updated_at = now() WHERE id = :id")
                .bind("id", id).bind("address", address(port)).bind("pid", pid)
                .execute());
    }

    void state(long appId, String id, String state) {
        jdbi.useHandle(h -> {
            h.createUpdate("UPDATE instances SET state = :state, updated_at = now() WHERE id = :id")
                    .bind("id", id).bind("state", state).execute();
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    void states(long appId, List<String> ids, String state) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE instances SET state = :state, updated_at = now() WHERE id IN (<ids>)")
                    .bindList("ids", ids).bind("state", state).execute();
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    void remove(long appId, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM instances WHERE id IN (<ids>)").bindList("ids", ids).execute();
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    List<Leftover> leftovers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, app_id, pid, started_at FROM instances WHERE node = :node")
                .bind("node", node)
                .map((rs, ctx) -> new Leftover(rs.getString("id"), rs.getLong("app_id"),
                        (Long) rs.getObject("pid"), rs.getTimestamp("started_at").toInstant()))
                .list());
    }

    private static String address(int port) {
        return "127.0.0.1:" + port;
    }
}
