package cloud.nextmcp.core.instances;

import java.time.Instant;

/**
 * One running (or starting, draining, crashed) instance of an app's release: the runtime writes it,
 * routers route to its {@code address} while it is {@link InstanceState#HEALTHY}.
 *
 * @param processIndex the N of {@code web.N}, stable across crash restarts
 * @param node         the runtime node that owns it (its rows are cleared when that node starts again)
 * @param pid          the host process id, for a local runtime; null elsewhere
 */
public record InstanceRow(String id, long appId, int releaseVersion, String processType, int processIndex,
                          String address, InstanceState state, int restarts, String node, Long pid,
                          Instant startedAt) {

    /** {@code web.1}: how logs, {@code ps} and the platform's messages name it. */
    public String name() {
        return processType + "." + processIndex;
    }
}
