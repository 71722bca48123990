package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.Doorbells;
import cloud.nextmcp.core.events.Doorbells.Doorbell;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;

/**
 * Wakes waiting pushes when their build changes (channel {@code builds}, payload build id) or
 * writes log lines (channel {@code logs}, payload app id).
 */
public final class BuildSignals {
    private final Doorbells builds = new Doorbells(Channels.BUILDS);
    private final Doorbells logs = new Doorbells(Channels.LOGS);

    /** Subscriber for channel {@code builds}. */
    public EventBus.Subscriber buildsSubscriber() {
        return builds;
    }

    /** Subscriber for channel {@code logs}. */
    public EventBus.Subscriber logsSubscriber() {
        return logs;
    }

    public Waiter watch(long appId, long buildId) {
        return new Waiter(appId, buildId);
    }

    /** One push's subscription to its build: one bell rung by either channel. */
    public final class Waiter implements AutoCloseable {
        private final long appId;
        private final long buildId;
        private final Doorbell bell = new Doorbell();

        private Waiter(long appId, long buildId) {
            this.appId = appId;
            this.buildId = buildId;
            builds.add(buildId, bell);
            logs.add(appId, bell);
        }

        /** Waits until woken or the timeout passes; either way the caller re-reads. */
        public void await(Duration timeout) throws InterruptedException {
            bell.await(timeout);
        }

        @Override
        public void close() {
            builds.remove(buildId, bell);
            logs.remove(appId, bell);
        }
    }
}
