package cloud.nextmcp.router.snapshots;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of database state that the router reads on every request: loaded at
 * start, reloaded on a NOTIFY channel (bursts folded into one reload), after the event bus
 * reconnects, and periodically so that a missed notification heals itself. Reloads run on one
 * background thread; readers do one volatile read. A failed reload keeps the previous snapshot.
 * A reader that must see what was committed before some moment (read your writes: a token used the
 * instant it was created) asks for a reload started after it ({@link #afterReloadSince}); such
 * reloads are at most one per {@code minForcedGap}, so nobody can make the router reload at will.
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
    private final long minForcedGapNanos;
    /** Guarded by itself: tasks waiting for a snapshot whose load started at or after their moment. */
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile T current;
    /** When the load of {@link #current} started ({@link System#nanoTime}); the empty one counts as loaded long ago. */
    private volatile long currentSince = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile long lastForcedReload = currentSince;

    private record Waiter(long since, Executor executor, Runnable then) {
    }

    /** {@code onChange} runs on the reload thread after each swap. */
    public NotifiedSnapshot(Source<T> source, T empty, EventBus events, Duration interval, Consumer<T> onChange) {
        this(source, empty, events, interval, onChange, Duration.ofMillis(250));
    }

    /** minForcedGap: the least time between two reloads asked for by {@link #afterReloadSince}. */
    public NotifiedSnapshot(Source<T> source, T empty, EventBus events, Duration interval, Consumer<T> onChange,
                            Duration minForcedGap) {
        this.source = source;
        this.minForcedGapNanos = minForcedGap.toNanos();
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

    /** Whether the current snapshot's load started before {@code nanos} (a {@link System#nanoTime} value). */
    public boolean loadedBefore(long nanos) {
        return currentSince - nanos < 0;
    }

    /**
     * Runs {@code then} on {@code executor} once a snapshot whose load started at or after {@code since}
     * is current, or once such a load failed (the previous snapshot stays); at once if it already is.
     */
    public void afterReloadSince(long since, Executor executor, Runnable then) {
        synchronized (waiters) {
            if (!loadedBefore(since)) {
                run(executor, then);
                return;
            }
            waiters.add(new Waiter(since, executor, then));
        }
        requestForcedReload();
    }

    private void requestForcedReload() {
        if (reloader.isShutdown() || !reloadQueued.compareAndSet(false, true)) {
            return; // a reload is queued and will start after every waiter's moment
        }
        long wait = Math.max(0, lastForcedReload + minForcedGapNanos - System.nanoTime());
        try {
            reloader.schedule(() -> {
                reloadQueued.set(false);
                lastForcedReload = System.nanoTime();
                reloadLogged();
            }, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closed between the check and now: close() has released the waiters.
            reloadQueued.set(false);
        }
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
        long started = System.nanoTime();
        try {
            T next = source.load().apply(current);
            current = next;
            currentSince = started;
            onChange.accept(next);
        } finally {
            releaseWaiters(w -> w.since() - started <= 0);
        }
    }

    /** Runs the waiters that no longer wait: the load they waited for has ended. */
    private void releaseWaiters(Predicate<Waiter> done) {
        List<Waiter> due = new ArrayList<>();
        synchronized (waiters) {
            waiters.removeIf(w -> done.test(w) && due.add(w));
        }
        due.forEach(w -> run(w.executor(), w.then()));
    }

    private void run(Executor executor, Runnable then) {
        try {
            executor.execute(then);
        } catch (RejectedExecutionException e) {
            // The waiter's event loop has shut down: its connection is gone and nobody awaits the answer.
            LOG.debug("{}: a waiter's executor is shut down", source.name(), e);
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
        releaseWaiters(w -> true);
    }
}
