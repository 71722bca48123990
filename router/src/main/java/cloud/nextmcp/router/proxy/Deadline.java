package cloud.nextmcp.router.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A re-armable timeout for one connection, used from its event loop only. Arming and disarming
 * only move a time stamp: the scheduled task is created at most once per timeout period and,
 * when it fires early, checks the stamp and re-schedules itself for the rest. Scheduling and
 * cancelling a Netty task for every request (idle, header and response deadlines each) was a
 * measurable share of the router's per-request cost.
 */
final class Deadline {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    /** When the deadline passes (System.nanoTime), or 0 when disarmed. */
    private long dueNanos;
    private long timerAtNanos;
    private ScheduledFuture<?> timer;

    Deadline(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    void arm(long delayNanos) {
        long due = System.nanoTime() + delayNanos;
        dueNanos = due == 0 ? 1 : due;
        if (timer != null && timerAtNanos - due > 0) {
            timer.cancel(false); // the pending check would come too late for this shorter deadline
            timer = null;
        }
        if (timer == null) {
            schedule(delayNanos);
        }
    }

    boolean armed() {
        return dueNanos != 0;
    }

    void disarm() {
        dueNanos = 0;
    }

    /** Disarms and drops the pending task; for a connection that is closing. */
    void cancel() {
        dueNanos = 0;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        timerAtNanos = System.nanoTime() + delayNanos;
        timer = executor.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (dueNanos == 0) {
            return;
        }
        long left = dueNanos - System.nanoTime();
        if (left > 0) {
            schedule(left);
        } else {
            dueNanos = 0;
            onExpiry.run();
        }
    }
}
