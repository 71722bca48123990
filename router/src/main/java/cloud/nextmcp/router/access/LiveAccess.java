package cloud.nextmcp.router.access;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.router.snapshots.NotifiedSnapshot;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The current {@link AccessSnapshot}: loaded at start, reloaded on {@code NOTIFY access} (so a
 * revoked grant or token is refused within the reload time), after the event bus reconnects, and
 * periodically. Readers do one volatile read. A failed reload keeps the previous snapshot, which
 * keeps private apps closed to everyone it did not already allow.
 */
public final class LiveAccess implements AccessFreshness, AutoCloseable {
    private final NotifiedSnapshot<AccessSnapshot> snapshot;

    public LiveAccess(AccessLoader loader, EventBus events, Duration interval) {
        this.snapshot = new NotifiedSnapshot<>(new NotifiedSnapshot.Source<>("access snapshot", Channels.ACCESS,
                previous -> loader.load(), previous -> "the previous one"), AccessSnapshot.EMPTY, events, interval,
                next -> { });
    }

    public AccessSnapshot current() {
        return snapshot.current();
    }

    @Override
    public boolean loadedBefore(long nanos) {
        return snapshot.loadedBefore(nanos);
    }

    @Override
    public void afterReloadSince(long nanos, Executor executor, Runnable then) {
        snapshot.afterReloadSince(nanos, executor, then);
    }

    /** Loads synchronously (fails fast if the database is unreachable), then keeps the snapshot fresh. */
    public void start() {
        snapshot.start();
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
