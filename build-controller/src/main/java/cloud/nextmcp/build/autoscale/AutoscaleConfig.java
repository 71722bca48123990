package cloud.nextmcp.build.autoscale;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Settings of the autoscaler (key {@code autoscale}); every field may be left out for its default.
 *
 * @param intervalMillis          how often every autoscaled app is re-decided, besides wake requests (1000)
 * @param scaleDownWindowSeconds  how long load must stay low before instances are removed (60)
 * @param sampleFreshnessSeconds  a router's load sample older than this no longer counts (a stopped router) (10)
 */
public record AutoscaleConfig(
        @JsonProperty("intervalMillis") Integer intervalMillis,
        @JsonProperty("scaleDownWindowSeconds") Integer scaleDownWindowSeconds,
        @JsonProperty("sampleFreshnessSeconds") Integer sampleFreshnessSeconds) {

    public AutoscaleConfig {
        intervalMillis = positive(intervalMillis, 1000, "intervalMillis");
        scaleDownWindowSeconds = positive(scaleDownWindowSeconds, 60, "scaleDownWindowSeconds");
        sampleFreshnessSeconds = positive(sampleFreshnessSeconds, 10, "sampleFreshnessSeconds");
    }

    public static AutoscaleConfig defaults() {
        return new AutoscaleConfig(null, null, null);
    }

    public Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }

    public Duration scaleDownWindow() {
        return Duration.ofSeconds(scaleDownWindowSeconds);
    }

    public Duration sampleFreshness() {
        return Duration.ofSeconds(sampleFreshnessSeconds);
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("autoscale." + name + " must be a positive number, got " + value);
        }
        return value;
    }
}
