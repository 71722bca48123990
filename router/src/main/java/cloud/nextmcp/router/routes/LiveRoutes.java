package cloud.nextmcp.router.routes;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.router.snapshots.NotifiedSnapshot;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The current route table: loaded at start, reloaded on {@code NOTIFY routes}, after the event
 * bus reconnects, and periodically so that a missed notification heals itself. Reloads run on
 * one background thread and swap an immutable snapshot; readers only do a volatile read.
 */
public final class LiveRoutes implements AutoCloseable {
    private final NotifiedSnapshot<RouteTable> table;

    /** onChange runs on the reload thread after each swap (used to forget sessions of gone instances). */
    public LiveRoutes(RouteLoader loader, EventBus events, Duration interval, Consumer<RouteTable> onChange) {
        this.table = new NotifiedSnapshot<>(new NotifiedSnapshot.Source<>("route table", Channels.ROUTES, loader::load,
                previous -> "the previous table (" + previous.size() + " hosts)"), RouteTable.EMPTY, events, interval,
                onChange);
    }

    public RouteTable current() {
        return table.current();
    }

    /** Loads synchronously (fails fast if the database is unreachable), then keeps the table fresh. */
    public void start() {
        table.start();
    }

    @Override
    public void close() {
        table.close();
    }
}
