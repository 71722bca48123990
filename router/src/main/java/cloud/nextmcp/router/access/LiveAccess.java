package cloud.nextmcp.router.access;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link AccessSnapshot}: loaded at start, reloaded on {@code NOTIFY access} (so a
 * revoked grant or token is refused within the reload time), after the event bus reconnects, and
 * periodically. Readers do one volatile read.
 */
public final class LiveAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveAccess.class);

    private final AccessLoader loader;
    private final EventBus events;
    private final Duration interval;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "router-access-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private volatile AccessSnapshot current = AccessSnapshot.EMPTY;

    public LiveAccess(AccessLoader loader, EventBus events, Duration interval) {
        this.loader = loader;
        this.events = events;
        this.interval = interval;
    }

    public AccessSnapshot current() {
        return current;
    }

    /** Loads synchronously (fails fast if the database is unreachable), then keeps the snapshot fresh. */
    public void start() {
        current = loader.load();
        events.subscribe(Channels.ACCESS, new EventBus.Subscriber() {
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
        reloader.scheduleWithFixedDelay(this::reload, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void requestReload() {
        if (reloadQueued.compareAndSet(false, true)) {
            reloader.execute(() -> {
                reloadQueued.set(false);
                reload();
            });
        }
    }

    private void reload() {
        try {
            current = loader.load();
        } catch (RuntimeException e) {
            // Keeping the previous snapshot keeps private apps closed to everyone it did not already allow.
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Access snapshot reload failed: {}; still using the previous one", DatabaseOutage.MESSAGE);
            } else {
                LOG.warn("Access snapshot reload failed; still using the previous one", e);
            }
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
