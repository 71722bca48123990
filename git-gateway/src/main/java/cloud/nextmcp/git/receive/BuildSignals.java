package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes waiting pushes when their build changes (channel {@code builds}, payload build id) or
 * writes log lines (channel {@code logs}, payload app id). A wake-up only says "re-read now";
 * waiters also re-read on a timer, so a lost notification costs latency, never correctness.
 */
public final class BuildSignals {
    private static final Logger LOG = LoggerFactory.getLogger(BuildSignals.class);

    private final Map<Long, Set<Waiter>> byBuild = new ConcurrentHashMap<>();
    private final Map<Long, Set<Waiter>> byApp = new ConcurrentHashMap<>();

    /** Subscriber for channel {@code builds}. */
    public EventBus.Subscriber buildsSubscriber() {
        return new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                wake(byBuild, payload);
            }

            @Override
            public void resync() {
                wakeAll();
            }
        };
    }

    /** Subscriber for channel {@code logs}. */
    public EventBus.Subscriber logsSubscriber() {
        return payload -> wake(byApp, payload);
    }

    public Waiter watch(long appId, long buildId) {
        Waiter w = new Waiter(appId, buildId);
        byBuild.computeIfAbsent(buildId, k -> ConcurrentHashMap.newKeySet()).add(w);
        byApp.computeIfAbsent(appId, k -> ConcurrentHashMap.newKeySet()).add(w);
        return w;
    }

    private void wake(Map<Long, Set<Waiter>> index, String payload) {
        long id;
        try {
            id = Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            LOG.debug("Ignoring notification payload that is not an id: '{}'", payload);
            return;
        }
        Set<Waiter> waiters = index.get(id);
        if (waiters != null) {
            waiters.forEach(Waiter::wake);
        }
    }

    private void wakeAll() {
        byBuild.values().forEach(set -> set.forEach(Waiter::wake));
    }

    private static void remove(Map<Long, Set<Waiter>> index, long key, Waiter w) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(w);
            return set.isEmpty() ? null : set;
        });
    }

    /** One push's subscription to its build. */
    public final class Waiter implements AutoCloseable {
        private final long appId;
        private final long buildId;
        private final Semaphore signal = new Semaphore(0);

        private Waiter(long appId, long buildId) {
            this.appId = appId;
            this.buildId = buildId;
        }

        private void wake() {
            signal.release();
        }

        /** Waits until woken or the timeout passes; either way the caller re-reads. */
        public void await(Duration timeout) throws InterruptedException {
            if (signal.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                signal.drainPermits();
            }
        }

        @Override
        public void close() {
            remove(byBuild, buildId, this);
            remove(byApp, appId, this);
        }
    }
}
