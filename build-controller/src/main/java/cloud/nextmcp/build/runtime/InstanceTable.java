package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.instances.InstanceDao;
import cloud.nextmcp.core.instances.InstanceRow;
import cloud.nextmcp.core.instances.InstanceState;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A runtime's writes to the {@code instances} table: one row per running process (local) or pod (cluster) of
 * this node. Every change that routers care about NOTIFYs {@code routes} (payload: the app id) in the same
 * transaction. The only writer of the table.
 */
public final class InstanceTable {
    private final Jdbi jdbi;
    private final String node;

    public InstanceTable(Jdbi jdbi, String node) {
        this.jdbi = jdbi;
        this.node = node;
    }

    void starting(String id, long appId, int version, int index, int port, long pid) {
        jdbi.useExtension(InstanceDao.class, d -> d.insertStarting(id, appId, version, "web", index, address(port), node, pid));
    }

    /** A crashed instance starts again: new process, new port, one more restart counted. */
    void restarting(String id, int port, long pid) {
        jdbi.useExtension(InstanceDao.class, d -> d.restarting(id, address(port), pid));
    }

    void state(long appId, String id, InstanceState state) {
        states(appId, List.of(id), state);
    }

    void states(long appId, List<String> ids, InstanceState state) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.attach(InstanceDao.class).setState(ids, state);
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    /** A cluster runtime's view of one pod at {@code address} (ip:port), written as it is now. */
    public void observed(String id, long appId, int version, String processType, int index, String address,
                         InstanceState state, int restarts) {
        jdbi.useTransaction(h -> {
            h.attach(InstanceDao.class).upsert(id, appId, version, processType, index, address, state.dbValue(), restarts, node);
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    public void remove(long appId, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.attach(InstanceDao.class).delete(ids);
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    /** Every row of the app on this node goes (the platform stops). */
    void removeAll(long appId) {
        jdbi.useTransaction(h -> {
            h.attach(InstanceDao.class).deleteOfNode(appId, node);
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        });
    }

    /** Rows of this node, all left by an earlier run when read at start. */
    public List<InstanceRow> leftovers() {
        return jdbi.withExtension(InstanceDao.class, d -> d.ofNode(node));
    }

    private static String address(int port) {
        return "127.0.0.1:" + port;
    }
}
