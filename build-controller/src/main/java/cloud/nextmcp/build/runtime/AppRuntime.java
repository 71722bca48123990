package cloud.nextmcp.build.runtime;

/**
 * Runs apps as the database says and reports their instances in the {@code instances} table, which is
 * all routers read. Desired state (releases, formations, restart requests) lives in PostgreSQL; an
 * implementation reconciles to it on NOTIFY {@code apps}, periodically and at start.
 */
public interface AppRuntime extends AutoCloseable {
    /** Clears what an earlier run left behind, starts listening for changes and brings every app up. */
    void start();

    /** Asks for one app to be brought to its desired state (asynchronously). */
    void reconcile(long appId);

    /**
     * Stops reconciling. The local runtime's processes stop with it; a cluster runtime's workloads keep
     * running and are taken over by the next {@link #start()}.
     */
    @Override
    void close();
}
