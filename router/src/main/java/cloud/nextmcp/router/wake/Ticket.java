package cloud.nextmcp.router.wake;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One held request. It ends exactly once: released to a live instance, refused with a reason, or
 * cancelled because the client went away; release and refusal run on the request's own event loop.
 */
public final class Ticket {
    private final HoldQueue queue;
    private final EventExecutor loop;
    private final Runnable release;
    private final Consumer<String> refuse;
    private final AtomicBoolean ended = new AtomicBoolean();
    private ScheduledFuture<?> timeout;

    Ticket(HoldQueue queue, EventExecutor loop, Runnable release, Consumer<String> refuse) {
        this.queue = queue;
        this.loop = loop;
        this.release = release;
        this.refuse = refuse;
    }

    void expireAfter(long nanos, String reason) {
        timeout = loop.schedule(() -> {
            queue.remove(this);
            refuse(reason);
        }, nanos, TimeUnit.NANOSECONDS);
    }

    void release() {
        if (end()) {
            loop.execute(release);
        }
    }

    void refuse(String reason) {
        if (end()) {
            loop.execute(() -> refuse.accept(reason));
        }
    }

    /** The client went away before the app woke. */
    public void cancel() {
        if (end()) {
            queue.remove(this);
        }
    }

    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        return true;
    }
}
