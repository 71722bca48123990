package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.runtime.kubernetes.KubernetesConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of the local process runtime; every field may be left out (null) for its default.
 *
 * @param node                       name written on instance rows (default: the host name)
 * @param healthTimeoutSeconds       how long a new instance may take to become healthy (60)
 * @param healthPollMillis           pause between health probes (100)
 * @param drainSeconds               how long old instances keep serving in-flight requests after the route switched (10)
 * @param stopGraceSeconds           time between SIGTERM and SIGKILL (10)
 * @param restartBackoffMillis       first delay before restarting a crashed instance; doubles per crash (1000)
 * @param restartBackoffMaxSeconds   longest delay; an instance that ran longer than this starts over at the first delay (60)
 * @param reconcileIntervalSeconds   how often every app is checked against its desired state, besides notifications (30)
 * @param deployTimeoutSeconds       how long a deploy waits for the runtime to settle a release (health timeout + 60)
 * @param maxLogLinesPerApp          log lines kept per app; older ones are pruned (10000)
 * @param logRetentionIntervalSeconds how often logs are pruned (60)
 * @param kind                       {@code local} (default) or {@code kubernetes}: which runtime runs apps
 * @param kubernetes                 settings of the Kubernetes runtime (defaults when left out)
 */
public record RuntimeConfig(
        @JsonProperty("node") String node,
        @JsonProperty("healthTimeoutSeconds") Integer healthTimeoutSeconds,
        @JsonProperty("healthPollMillis") Integer healthPollMillis,
        @JsonProperty("drainSeconds") Integer drainSeconds,
        @JsonProperty("stopGraceSeconds") Integer stopGraceSeconds,
        @JsonProperty("restartBackoffMillis") Integer restartBackoffMillis,
        @JsonProperty("restartBackoffMaxSeconds") Integer restartBackoffMaxSeconds,
        @JsonProperty("reconcileIntervalSeconds") Integer reconcileIntervalSeconds,
        @JsonProperty("deployTimeoutSeconds") Integer deployTimeoutSeconds,
        @JsonProperty("maxLogLinesPerApp") Integer maxLogLinesPerApp,
        @JsonProperty("logRetentionIntervalSeconds") Integer logRetentionIntervalSeconds,
        @JsonProperty("kind") String kind,
        @JsonProperty("kubernetes") KubernetesConfig kubernetes) {

    public RuntimeConfig {
        node = node == null || node.isBlank() ? hostName() : node;
        healthTimeoutSeconds = positive(healthTimeoutSeconds, 60, "healthTimeoutSeconds");
        healthPollMillis = positive(healthPollMillis, 100, "healthPollMillis");
        drainSeconds = notNegative(drainSeconds, 10, "drainSeconds");
        stopGraceSeconds = notNegative(stopGraceSeconds, 10, "stopGraceSeconds");
        restartBackoffMillis = positive(restartBackoffMillis, 1000, "restartBackoffMillis");
        restartBackoffMaxSeconds = positive(restartBackoffMaxSeconds, 60, "restartBackoffMaxSeconds");
        reconcileIntervalSeconds = positive(reconcileIntervalSeconds, 30, "reconcileIntervalSeconds");
        deployTimeoutSeconds = positive(deployTimeoutSeconds, healthTimeoutSeconds + 60, "deployTimeoutSeconds");
        maxLogLinesPerApp = positive(maxLogLinesPerApp, 10_000, "maxLogLinesPerApp");
        logRetentionIntervalSeconds = positive(logRetentionIntervalSeconds, 60, "logRetentionIntervalSeconds");
        kind = RuntimeKind.parse(kind).name().toLowerCase(Locale.ROOT);
        kubernetes = kubernetes == null ? KubernetesConfig.defaults() : kubernetes;
    }

    /** The local runtime with these settings (the form tests and single-node runs use). */
    public RuntimeConfig(String node, Integer healthTimeoutSeconds, Integer healthPollMillis, Integer drainSeconds,
                         Integer stopGraceSeconds, Integer restartBackoffMillis, Integer restartBackoffMaxSeconds,
                         Integer reconcileIntervalSeconds, Integer deployTimeoutSeconds, Integer maxLogLinesPerApp,
                         Integer logRetentionIntervalSeconds) {
        this(node, healthTimeoutSeconds, healthPollMillis, drainSeconds, stopGraceSeconds, restartBackoffMillis,
                restartBackoffMaxSeconds, reconcileIntervalSeconds, deployTimeoutSeconds, maxLogLinesPerApp,
                logRetentionIntervalSeconds, null, null);
    }

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    public RuntimeKind runtimeKind() {
        return RuntimeKind.parse(kind);
    }

    public Duration healthTimeout() {
        return Duration.ofSeconds(healthTimeoutSeconds);
    }

    public Duration healthPoll() {
        return Duration.ofMillis(healthPollMillis);
    }

    public Duration drain() {
        return Duration.ofSeconds(drainSeconds);
    }

    public Duration stopGrace() {
        return Duration.ofSeconds(stopGraceSeconds);
    }

    public Duration restartBackoff() {
        return Duration.ofMillis(restartBackoffMillis);
    }

    public Duration restartBackoffMax() {
        return Duration.ofSeconds(restartBackoffMaxSeconds);
    }

    public Duration reconcileInterval() {
        return Duration.ofSeconds(reconcileIntervalSeconds);
    }

    public Duration deployTimeout() {
        return Duration.ofSeconds(deployTimeoutSeconds);
    }

    public Duration logRetentionInterval() {
        return Duration.ofSeconds(logRetentionIntervalSeconds);
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("runtime." + name + " must be positive, got " + value);
        }
        return value;
    }

    private static Integer notNegative(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new IllegalArgumentException("runtime." + name + " must not be negative, got " + value);
        }
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
