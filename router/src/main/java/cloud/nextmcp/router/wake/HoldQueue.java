package cloud.nextmcp.router.wake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests one router holds for one sleeping app, at most {@code capacity} of them: beyond that a
 * request is refused at once (503 with Retry-After) rather than piling up while the app starts.
 * Thread-safe: requests arrive on every event loop; the queue is emptied by the route reload thread.
 */
final class HoldQueue {
    private final int capacity;
    private final String appName;
    private final Set<Ticket> held = new LinkedHashSet<>();
    /** The failed wake already answered, so that a later reload of the same failure refuses no newer request. */
    private Instant failureAnswered;

    HoldQueue(int capacity, String appName, Instant failureAnswered) {
        this.capacity = capacity;
        this.appName = appName;
        this.failureAnswered = failureAnswered;
    }

    String appName() {
        return appName;
    }

    /** Every held request if this failure (by when it happened) was not answered yet, else none. */
    synchronized List<Ticket> drainForFailure(Instant failedAt) {
        if (failedAt == null || failedAt.equals(failureAnswered)) {
            return List.of();
        }
        failureAnswered = failedAt;
        return drain();
    }

    /** The request's place in the queue (1 for the first), or 0 when full: the caller refuses the request. */
    synchronized int offer(Ticket t) {
        if (held.size() >= capacity) {
            return 0;
        }
        held.add(t);
        return held.size();
    }

    /** A request that went away (client closed, timed out) frees its place. */
    synchronized void remove(Ticket t) {
        held.remove(t);
    }

    /** Every held request, oldest first; the queue is empty after. */
    synchronized List<Ticket> drain() {
        List<Ticket> all = new ArrayList<>(held);
        held.clear();
        return all;
    }

    synchronized int size() {
        return held.size();
    }
}
