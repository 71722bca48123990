package cloud.nextmcp.core.autoscale;

import java.time.Instant;

/** What the autoscaler decided for one app; {@code reason} says why the last wake failed (else null). */
public record AutoscaleState(long appId, int replicas, SleepState state, String reason, Instant changedAt) {
}
