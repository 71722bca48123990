package cloud.nextmcp.api.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (client IP): {@code perMinute} requests at once, refilled evenly over a
 * minute. Buckets that have refilled completely are forgotten, so memory follows active clients.
 */
public final class RateLimiter {
    private static final int PRUNE_ABOVE = 10_000;

    private final int perMinute;
    private final double tokensPerMilli;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long atMillis) {
    }

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.tokensPerMilli = perMinute / 60_000.0;
        this.clock = clock;
    }

    /** Takes one request from {@code key}'s allowance: 0 when allowed, else the whole seconds to wait. */
    public long acquire(String key) {
        long now = clock.millis();
        long[] waitSeconds = {0};
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? perMinute : refilled(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            waitSeconds[0] = Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerMilli / 1000.0));
            return new Bucket(tokens, now);
        });
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.entrySet().removeIf(e -> refilled(e.getValue(), now) >= perMinute);
        }
        return waitSeconds[0];
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(perMinute, bucket.tokens() + Math.max(0, now - bucket.atMillis()) * tokensPerMilli);
    }
}
