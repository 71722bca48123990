package cloud.nextmcp.core.autoscale;

import java.time.Duration;

/**
 * What a user asked for: between {@code minInstances} and {@code maxInstances} web instances,
 * {@code targetConcurrency} in-flight requests per instance, asleep after {@code idleSeconds} without
 * a request or an open stream (only when {@code minInstances} is 0).
 */
public record AutoscaleSettings(long appId, int minInstances, int maxInstances, int idleSeconds, int targetConcurrency) {
    public static final int DEFAULT_IDLE_SECONDS = 300;
    public static final int DEFAULT_TARGET_CONCURRENCY = 20;

    public Duration idle() {
        return Duration.ofSeconds(idleSeconds);
    }

    public boolean scalesToZero() {
        return minInstances == 0;
    }

    /** The count to run before the autoscaler has decided anything: the fixed count, kept within min and max. */
    public int clamp(int quantity) {
        return Math.max(minInstances, Math.min(maxInstances, quantity));
    }
}
