package cloud.nextmcp.core.events;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes threads that wait on something named by an id (an app, a build) when a notification of
 * one channel carries that id. A process holds ONE subscription per channel and fans it out here,
 * instead of a LISTEN per waiter. A ring only says "re-read now": waiters also re-read on a timer,
 * so a lost notification costs latency, never correctness; after a reconnect every bell rings.
 */
public final class Doorbells implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(Doorbells.class);

    private final String channel;
    private final Map<Long, Set<Doorbell>> byId = new ConcurrentHashMap<>();

    public Doorbells(String channel) {
        this.channel = channel;
    }

    public void add(long id, Doorbell bell) {
        byId.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(bell);
    }

    public void remove(long id, Doorbell bell) {
        byId.computeIfPresent(id, (k, set) -> {
            set.remove(bell);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void onNotification(String payload) {
        long id;
        try {
            id = Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring NOTIFY {} with payload '{}': expected an id", channel, payload);
            return;
        }
        byId.getOrDefault(id, Set.of()).forEach(Doorbell::ring);
    }

    @Override
    public void resync() {
        byId.values().forEach(set -> set.forEach(Doorbell::ring));
    }

    /** One waiter's bell: rings once however many notifications came since it last looked. */
    public static final class Doorbell {
        private final Semaphore bell = new Semaphore(0);

        void ring() {
            if (bell.availablePermits() == 0) {
                bell.release();
            }
        }

        /** Waits until rung or the timeout passes; true when rung. Either way the caller re-reads. */
        public boolean await(Duration timeout) throws InterruptedException {
            boolean rung = bell.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (rung) {
                bell.drainPermits();
            }
            return rung;
        }
    }
}
