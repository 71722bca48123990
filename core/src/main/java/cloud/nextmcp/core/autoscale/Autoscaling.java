package cloud.nextmcp.core.autoscale;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import org.jdbi.v3.core.Handle;

/**
 * Writes what users ask of autoscaling ({@code autoscale_settings}) inside the caller's transaction and
 * tells the runtimes ({@code apps}) and routers ({@code autoscale}).
 */
public final class Autoscaling {
    /** A single node runs every instance: a typo like 100 must not start 100 processes (as for scale). */
    public static final int MAX_INSTANCES = 10;
    public static final int MAX_IDLE_SECONDS = 7 * 24 * 3600;
    public static final int MAX_TARGET_CONCURRENCY = 10_000;

    /** Checks and stores the settings; returns what was stored. Invalid values throw IllegalArgumentException with the fix. */
    public AutoscaleSettings put(Handle h, long appId, int min, int max, int idleSeconds, int targetConcurrency) {
        if (min < 0 || min > MAX_INSTANCES) {
            throw new IllegalArgumentException("'min' must be between 0 and " + MAX_INSTANCES + ", got " + min);
        }
        if (max < 1 || max > MAX_INSTANCES) {
            throw new IllegalArgumentException("'max' must be between 1 and " + MAX_INSTANCES + ", got " + max);
        }
        if (max < min) {
            throw new IllegalArgumentException("'max' (" + max + ") must not be below 'min' (" + min + ")");
        }
        if (idleSeconds < 1 || idleSeconds > MAX_IDLE_SECONDS) {
            throw new IllegalArgumentException("'idleSeconds' must be between 1 and " + MAX_IDLE_SECONDS + ", got " + idleSeconds);
        }
        if (targetConcurrency < 1 || targetConcurrency > MAX_TARGET_CONCURRENCY) {
            throw new IllegalArgumentException("'concurrency' must be between 1 and " + MAX_TARGET_CONCURRENCY + ", got "
                    + targetConcurrency);
        }
        h.attach(AutoscaleSettingsDao.class).put(appId, min, max, idleSeconds, targetConcurrency);
        announce(h, appId);
        return new AutoscaleSettings(appId, min, max, idleSeconds, targetConcurrency);
    }

    /** Back to the formation's fixed count; false when the app did not autoscale. */
    public boolean off(Handle h, long appId) {
        boolean removed = h.attach(AutoscaleSettingsDao.class).remove(appId) > 0;
        if (removed) {
            announce(h, appId);
        }
        return removed;
    }

    private static void announce(Handle h, long appId) {
        EventBus.publish(h, Channels.APPS, Long.toString(appId));
        EventBus.publish(h, Channels.AUTOSCALE, Long.toString(appId));
    }
}
