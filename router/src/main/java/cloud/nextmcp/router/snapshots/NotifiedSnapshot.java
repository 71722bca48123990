package cloud.nextmcp.router.snapshots;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of database state that the router reads on every request: loaded at
 * start, reloaded on a NOTIFY channel (bursts folded into one reload), after the event bus
 * reconnects, and periodically so that a missed notification heals itself. Reloads run on one
 * background thread; readers do one volatile read. A failed reload keeps the previous snapshot.
 *
 * @param <T> the snapshot type
 */
public final class NotifiedSnapshot<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifiedSnapshot.class);

    /** How a snapshot is reloaded, named in logs, and described when a reload fails. */
    public record Source<T>(String name, String channel, UnaryOperator<T> load, Function<T, String> previous) {
    }

    private final Source<T> source;
    private final EventBus events;
    private final Duration interval;
    private final Consumer<T> onChange;
    private final ScheduledExecutorService reloader;
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private volatile T current;

    /** {@code onChange} runs on the reload thread after each swap. */
    public NotifiedSnapshot(Source<T> source, T empty, EventBus events, Duration interval, Consumer<T> onChange) {
        this.source = source;
        this.current = empty;
        this.events = events;
        this.interval = interval;
        this.onChange = onChange;
        this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-" + source.name().replace(' ', '-') + "-reload");
            t.setDaemon(true);
            return t;
        });
    }

    public T current() {
        return current;
    }

    /** Loads synchronously (fails fast if the database is unreachable), then keeps the snapshot fresh. */
    public void start() {
        reload();
        events.subscribe(source.channel(), new EventBus.Subscriber() {
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

    private void requestReload() {
        if (reloader.isShutdown() || !reloadQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            reloader.execute(() -> {
                reloadQueued.set(false);
                reloadLogged();
            });
        } catch (RejectedExecutionException e) {
            // Closed between the check and now: the router is stopping and needs no fresher snapshot.
            reloadQueued.set(false);
        }
    }

    private void reloadLogged() {
        try {
            reload();
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                // Expected while the database restarts: one line, no stack trace.
                LOG.warn("{} reload failed: {}; still using {}", source.name(), DatabaseOutage.MESSAGE,
                        source.previous().apply(current));
            } else {
                LOG.warn("{} reload failed; still using {}", source.name(), source.previous().apply(current), e);
            }
        }
    }

    private synchronized void reload() {
        T next = source.load().apply(current);
        current = next;
        onChange.accept(next);
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
