package cloud.nextmcp.router.routes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the instance for a request: the instance that issued the request's {@code Mcp-Session-Id}
 * while it lives, else the instance whose event stream last sent the request's {@code Last-Event-ID}
 * (a stream resumed after a cut, also for servers without sessions), otherwise the one with the fewest outstanding requests (ties broken round robin,
 * so idle instances share the load evenly).
 */
public final class Balancer {
    private final Map<String, Pin> sessions = new ConcurrentHashMap<>();
    /** Event ids by the stream that sent them: one entry per stream, its latest id. */
    private final Map<String, Pin> events = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final long sessionIdleNanos;

    public Balancer(Duration sessionIdleTimeout) {
        this.sessionIdleNanos = sessionIdleTimeout.toNanos();
    }

    /** sessionId, lastEventId: the request's Mcp-Session-Id and Last-Event-ID, each possibly null. */
    public Backend pick(Route route, String sessionId, String lastEventId) {
        List<Backend> backends = route.backends();
        if (backends.isEmpty()) {
            return null;
        }
        Backend pinned = pinned(backends, sessionId == null ? null : sessions.get(sessionId));
        if (pinned == null && lastEventId != null) {
            pinned = pinned(backends, events.get(lastEventId));
        }
        if (pinned != null) {
            return pinned;
        }
        int n = backends.size();
        if (n == 1) {
            return backends.get(0);
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        Backend best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Backend b = backends.get((start + i) % n);
            int load = b.outstanding();
            if (load < bestLoad) {
                best = b;
                bestLoad = load;
            }
        }
        return best;
    }

    private static Backend pinned(List<Backend> backends, Pin pin) {
        if (pin != null) {
            for (Backend b : backends) {
                if (b == pin.backend) {
                    pin.lastUsed = System.nanoTime();
                    return b;
                }
            }
        }
        return null;
    }

    /** An event stream from backend sent event id {@code id}, replacing {@code previous} (its last one, or null). */
    public void pinEvent(String previous, String id, Backend backend) {
        if (previous != null) {
            events.remove(previous);
        }
        if (!id.isEmpty()) {
            events.put(id, new Pin(backend));
        }
    }

    /** Learned from a response that carried Mcp-Session-Id. */
    public void pin(String sessionId, Backend backend) {
        Pin pin = sessions.get(sessionId);
        if (pin == null || pin.backend != backend) {
            sessions.put(sessionId, new Pin(backend));
        }
    }

    /** The client ended the session (DELETE answered 2xx). */
    public void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Drops pins to instances no longer live and pins unused for longer than the session idle timeout. */
    public void prune(RouteTable table) {
        long now = System.nanoTime();
        sessions.values().removeIf(p -> table.backend(p.backend.instanceId()) != p.backend || now - p.lastUsed > sessionIdleNanos);
        events.values().removeIf(p -> table.backend(p.backend.instanceId()) != p.backend || now - p.lastUsed > sessionIdleNanos);
    }

    public int pinnedSessions() {
        return sessions.size();
    }

    private static final class Pin {
        final Backend backend;
        volatile long lastUsed = System.nanoTime();

        Pin(Backend backend) {
            this.backend = backend;
        }
    }
}
