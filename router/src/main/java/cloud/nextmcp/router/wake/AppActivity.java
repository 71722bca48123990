package cloud.nextmcp.router.wake;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One autoscaled app's traffic through this router: requests in flight, open streams (an SSE GET or a
 * tunnel keeps the app awake for as long as it is open), and when the last request started or ended.
 * Updated from every event loop; read by the {@link LoadReporter} once per interval.
 */
public final class AppActivity {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile long lastRequestMillis;

    public void begin() {
        inFlight.incrementAndGet();
        lastRequestMillis = System.currentTimeMillis();
    }

    public void end() {
        inFlight.decrementAndGet();
        lastRequestMillis = System.currentTimeMillis();
    }

    public void streamOpened() {
        streams.incrementAndGet();
    }

    public void streamClosed() {
        streams.decrementAndGet();
        lastRequestMillis = System.currentTimeMillis();
    }

    int inFlight() {
        return inFlight.get();
    }

    int streams() {
        return streams.get();
    }

    /** 0 when no request was seen yet. */
    long lastRequestMillis() {
        return lastRequestMillis;
    }
}
