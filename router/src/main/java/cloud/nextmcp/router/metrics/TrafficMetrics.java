package cloud.nextmcp.router.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters for one app or one instance: requests by status class, bytes, open streams, latency. */
public final class TrafficMetrics {
    private final LongAdder[] statusClasses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicLong openStreams = new AtomicLong();
    private final LatencyHistogram latency = new LatencyHistogram();

    public void completed(int status, long nanos, long in, long out) {
        int cls = status / 100;
        if (cls >= 1 && cls <= 5) {
            statusClasses[cls - 1].increment();
        }
        if (in != 0) { // most requests have no body: skip the shared counter's atomic update
            bytesIn.add(in);
        }
        bytesOut.add(out);
        latency.record(nanos);
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    public long requests() {
        long n = 0;
        for (LongAdder a : statusClasses) {
            n += a.sum();
        }
        return n;
    }

    /** Requests answered with status class cls (1..5). */
    public long status(int cls) {
        return statusClasses[cls - 1].sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long openStreams() {
        return openStreams.get();
    }

    public LatencyHistogram latency() {
        return latency;
    }
}
