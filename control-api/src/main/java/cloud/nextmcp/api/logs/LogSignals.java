package cloud.nextmcp.api.logs;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.Doorbells;
import cloud.nextmcp.core.events.Doorbells.Doorbell;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes open log streams when their app has new lines: the API process's one subscription to
 * NOTIFY {@code logs} (payload: the app id), fanned out by {@link Doorbells}, and the count of
 * open streams.
 */
public final class LogSignals {
    private final Doorbells doorbells = new Doorbells(Channels.LOGS);
    private final AtomicInteger open = new AtomicInteger();

    /** One open stream's subscription to its app's lines. */
    public static final class Waiter {
        private final long appId;
        private final Doorbell bell = new Doorbell();

        private Waiter(long appId) {
            this.appId = appId;
        }

        /** Waits up to {@code millis} for new lines; true when told of some. */
        public boolean await(long millis) throws InterruptedException {
            return bell.await(Duration.ofMillis(millis));
        }
    }

    /** The subscriber to register for channel {@code logs}. */
    public EventBus.Subscriber subscriber() {
        return doorbells;
    }

    public Waiter register(long appId) {
        Waiter waiter = new Waiter(appId);
        doorbells.add(appId, waiter.bell);
        open.incrementAndGet();
        return waiter;
    }

    public void unregister(Waiter waiter) {
        doorbells.remove(waiter.appId, waiter.bell);
        open.decrementAndGet();
    }

    /** How many log streams are open now (a gauge; it must fall back when clients go away). */
    public int openStreams() {
        return open.get();
    }
}
