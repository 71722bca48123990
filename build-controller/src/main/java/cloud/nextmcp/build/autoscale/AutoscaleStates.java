package cloud.nextmcp.build.autoscale;

import cloud.nextmcp.core.autoscale.AutoscaleStateDao;
import cloud.nextmcp.core.autoscale.SleepState;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one writer of {@code autoscale_states}: the autoscaler's decisions and the runtime's report of a
 * failed wake. Each change NOTIFYs {@code apps} (runtimes reconcile the count) and {@code autoscale}
 * (routers release or refuse the requests they hold).
 */
public final class AutoscaleStates {
    private final Jdbi jdbi;

    public AutoscaleStates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void put(Handle h, long appId, int replicas, SleepState state, String reason) {
        h.attach(AutoscaleStateDao.class).put(appId, replicas, state.dbValue(), reason);
        EventBus.publish(h, Channels.APPS, Long.toString(appId));
        EventBus.publish(h, Channels.AUTOSCALE, Long.toString(appId));
    }

    /**
     * The instance started for a wake never became healthy: back to zero, so the requests held for it
     * are answered 503 and the next request tries again. Returns false when the app was not waking
     * (a fixed formation, or a scale-out that failed), which changes nothing here.
     */
    public boolean wakeFailed(long appId, String reason) {
        return jdbi.inTransaction(h -> {
            boolean waking = h.attach(AutoscaleStateDao.class).find(appId)
                    .map(s -> s.state() == SleepState.WAKING).orElse(false);
            if (waking) {
                put(h, appId, 0, SleepState.WAKE_FAILED, reason);
            }
            return waking;
        });
    }
}
