package cloud.nextmcp.api.logs;

import cloud.nextmcp.core.events.EventBus;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes open log streams when their app has new lines. The API process holds ONE subscription to
 * NOTIFY {@code logs} (payload: the app id) and fans it out here, instead of a LISTEN connection
 * per stream. A missed notification only delays a stream until its next fallback poll.
 */
public final class LogSignals implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(LogSignals.class);

    private final Map<Long, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /** One open stream's doorbell: rings once however many notifications came since it last looked. */
    public static final class Waiter {
        private final long appId;
        private final Semaphore bell = new Semaphore(0);

        private Waiter(long appId) {
            this.appId = appId;
        }

        void ring() {
            if (bell.availablePermits() == 0) {
                bell.release();
            }
        }

        /** Waits up to {@code millis} for a ring; true when rung. */
        public boolean await(long millis) throws InterruptedException {
            boolean rung = bell.tryAcquire(millis, TimeUnit.MILLISECONDS);
            bell.drainPermits();
            return rung;
        }
    }

    public Waiter register(long appId) {
        Waiter waiter = new Waiter(appId);
        waiters.computeIfAbsent(appId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        open.incrementAndGet();
        return waiter;
    }

    public void unregister(Waiter waiter) {
        waiters.computeIfPresent(waiter.appId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
        open.decrementAndGet();
    }

    /** How many log streams are open now (a gauge; it must fall back when clients go away). */
    public int openStreams() {
        return open.get();
    }

    @Override
    public void onNotification(String payload) {
        long appId;
        try {
            appId = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring NOTIFY logs with payload '{}': expected an app id", payload);
            return;
        }
        waiters.getOrDefault(appId, Set.of()).forEach(Waiter::ring);
    }

    @Override
    public void resync() {
        waiters.values().forEach(set -> set.forEach(Waiter::ring));
    }
}
