package cloud.nextmcp.core.autoscale;

import java.util.Locale;

/**
 * Where an autoscaled app stands between sleeping and running; stored lower-case in
 * {@code autoscale_states.state} (017-autoscale.sql).
 *
 * <pre>
 * AWAKE --idle, min 0--> ASLEEP --request--> WAKING --healthy--> AWAKE
 *                                            WAKING --crash or health timeout--> WAKE_FAILED --request--> WAKING
 * </pre>
 */
public enum SleepState {
    /** At least one instance is wanted; the autoscaler moves the count between min and max. */
    AWAKE,
    /** No instance runs: routers hold the next request and ask for a wake. */
    ASLEEP,
    /** A wake was asked for; routers keep holding until an instance is healthy. */
    WAKING,
    /** The last wake did not produce a healthy instance (the reason is in the app's log); the next request tries again. */
    WAKE_FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SleepState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True when no instance is wanted or one is only on its way: requests are held, not refused. */
    public boolean holdsRequests() {
        return this != AWAKE;
    }

    /** What {@code ps} and {@code apps info} show. */
    public String label() {
        return dbValue().replace('_', ' ');
    }
}
