package cloud.nextmcp.router.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Cumulative latency histogram with fixed bucket bounds (milliseconds), Prometheus-style. */
public final class LatencyHistogram {
    static final double[] BOUNDS_MS = {0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000};

    private final LongAdder[] buckets = new LongAdder[BOUNDS_MS.length + 1];
    private final LongAdder sumMicros = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void record(long nanos) {
        double ms = nanos / 1_000_000.0;
        int i = 0;
        while (i < BOUNDS_MS.length && ms > BOUNDS_MS[i]) {
            i++;
        }
        buckets[i].increment();
        sumMicros.add(nanos / 1_000);
    }

    /** Per-bucket (not cumulative) counts; the last one is above the largest bound. */
    public long[] counts() {
        long[] c = new long[buckets.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = buckets[i].sum();
        }
        return c;
    }

    public long sumMicros() {
        return sumMicros.sum();
    }

    /** The upper bound of the bucket holding quantile q of the given per-bucket counts, in ms (0 if empty). */
    public static double quantileMs(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < BOUNDS_MS.length ? BOUNDS_MS[i] : BOUNDS_MS[BOUNDS_MS.length - 1];
            }
        }
        return BOUNDS_MS[BOUNDS_MS.length - 1];
    }
}
