package cloud.nextmcp.server.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Leader election among replicas of the builder role (see docs/architecture.md, "Several replicas").
 *
 * @param checkIntervalMillis how often a follower tries the lock and the leader checks it still holds it;
 *                            a dead leader is replaced within about this long (default 1000)
 * @param lockTimeoutSeconds  how long a check may wait on the database before the leader steps down (default 5)
 */
public record LeaderConfig(
        @JsonProperty("checkIntervalMillis") Integer checkIntervalMillis,
        @JsonProperty("lockTimeoutSeconds") Integer lockTimeoutSeconds) {

    public LeaderConfig {
        checkIntervalMillis = checkIntervalMillis == null ? 1000 : checkIntervalMillis;
        lockTimeoutSeconds = lockTimeoutSeconds == null ? 5 : lockTimeoutSeconds;
        if (checkIntervalMillis < 100 || checkIntervalMillis > 60_000) {
            throw new IllegalArgumentException("leader.checkIntervalMillis must be between 100 and 60000, not "
                    + checkIntervalMillis);
        }
        if (lockTimeoutSeconds < 1 || lockTimeoutSeconds > 300) {
            throw new IllegalArgumentException("leader.lockTimeoutSeconds must be between 1 and 300, not " + lockTimeoutSeconds);
        }
    }

    public static LeaderConfig defaults() {
        return new LeaderConfig(null, null);
    }

    public Duration checkInterval() {
        return Duration.ofMillis(checkIntervalMillis);
    }

    public Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }
}
