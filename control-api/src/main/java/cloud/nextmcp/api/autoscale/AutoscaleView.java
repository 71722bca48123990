package cloud.nextmcp.api.autoscale;

import cloud.nextmcp.core.autoscale.AutoscaleSettings;
import cloud.nextmcp.core.autoscale.AutoscaleState;

/**
 * An app's autoscaling: off ({@code enabled} false, the rest null), or the settings and what the autoscaler
 * decided: {@code replicas} web instances wanted now, {@code state} awake, asleep, waking or wake failed
 * ({@code reason} says why the last wake failed).
 */
public record AutoscaleView(boolean enabled, Integer min, Integer max, Integer idleSeconds, Integer concurrency,
                            Integer replicas, String state, String reason) {
    static final AutoscaleView OFF = new AutoscaleView(false, null, null, null, null, null, null, null);

    static AutoscaleView of(AutoscaleSettings s, AutoscaleState state) {
        return new AutoscaleView(true, s.minInstances(), s.maxInstances(), s.idleSeconds(), s.targetConcurrency(),
                state == null ? null : s.clamp(state.replicas()), state == null ? null : state.state().label(),
                state == null ? null : state.reason());
    }
}
