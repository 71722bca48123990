package cloud.nextmcp.router.access;

import java.util.concurrent.Executor;

/**
 * How fresh the access snapshot is. A token, grant or consent committed just before a call may not
 * be in the snapshot yet (it reloads on NOTIFY, asynchronously), so a refusal that fresher data
 * could overturn is decided again on a snapshot loaded after the call arrived.
 */
public interface AccessFreshness {
    /** For tests whose snapshot never changes. */
    AccessFreshness NEVER_STALE = new AccessFreshness() {
        @Override
        public boolean loadedBefore(long nanos) {
            return false;
        }

        @Override
        public void afterReloadSince(long nanos, Executor executor, Runnable then) {
            executor.execute(then);
        }
    };

    /** Whether the current snapshot's load started before {@code nanos} (a {@link System#nanoTime} value). */
    boolean loadedBefore(long nanos);

    /** Runs {@code then} on {@code executor} once a snapshot loaded from {@code nanos} on is current (or its load failed). */
    void afterReloadSince(long nanos, Executor executor, Runnable then);
}
