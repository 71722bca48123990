package cloud.nextmcp.router.routes;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current route table: loaded at start, reloaded on {@code NOTIFY routes}, after the event
 * bus reconnects, and periodically so that a missed notification heals itself. Reloads run on
 * one background thread and swap an immutable snapshot; readers only do a volatile read.
 */
public final class LiveRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);

    private final RouteLoader loader;
    private final EventBus events;
    private final Duration interval;
    private final Consumer<RouteTable> onChange;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "router-route-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private volatile RouteTable current = RouteTable.EMPTY;

    /** onChange runs on the reload thread after each swap (used to forget sessions of gone instances). */
    public LiveRoutes(RouteLoader loader, EventBus events, Duration interval, Consumer<RouteTable> onChange) {
        this.loader = loader;
        this.events = events;
        this.interval = interval;
        this.onChange = onChange;
    }

    public RouteTable current() {
        return current;
    }

    /** Loads synchronously (fails fast if the database is unreachable), then keeps the table fresh. */
    public void start() {
        reload();
        events.subscribe(Channels.ROUTES, new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                requestReload();
            }

            @Override
            public void resync() {
                requestReload();
            }
        });
        long millis = interval.toMillis();
        reloader.scheduleWithFixedDelay(this::reloadLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Coalesces bursts of notifications into one reload. */
    private void requestReload() {
        if (reloadQueued.compareAndSet(false, true)) {
            reloader.execute(() -> {
                reloadQueued.set(false);
                reloadLogged();
            });
        }
    }

    private void reloadLogged() {
        try {
            reload();
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                // Expected while the database restarts: one line, no stack trace.
                LOG.warn("Route table reload failed: {}; still serving the previous table ({} hosts)",
                        DatabaseOutage.MESSAGE, current.size());
            } else {
                LOG.warn("Route table reload failed; still serving the previous table ({} hosts)", current.size(), e);
            }
        }
    }

    private synchronized void reload() {
        RouteTable next = loader.load(current);
        current = next;
        onChange.accept(next);
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
