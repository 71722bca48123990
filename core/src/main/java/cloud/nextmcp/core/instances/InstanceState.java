package cloud.nextmcp.core.instances;

import java.util.Locale;

/** Where one instance of an app stands; stored lower-case in {@code instances.state} (003-routing.sql). */
public enum InstanceState {
    /** Started, not yet healthy: routers send it nothing. */
    STARTING,
    /** Passed its health check: routers send it requests. */
    HEALTHY,
    /** Being taken out of service: routers send it no new requests, those in flight finish. */
    DRAINING,
    /** Stopped; kept for display by runtimes that keep rows of stopped instances. */
    STOPPED,
    /** Exited on its own; the runtime starts it again after a back-off. */
    CRASHED;

    /** The value stored in the database. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
