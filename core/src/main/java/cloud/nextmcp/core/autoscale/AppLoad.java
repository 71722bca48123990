package cloud.nextmcp.core.autoscale;

import java.time.Instant;

/**
 * One app's load summed over the routers' fresh samples: requests in flight, open streams (SSE GETs
 * and tunnels), requests held for a wake; the newest request any router saw and the newest wake request.
 */
public record AppLoad(long appId, int inFlight, int openStreams, int waiting, Instant lastRequestAt, Instant wakeRequestedAt) {
    public static AppLoad none(long appId) {
        return new AppLoad(appId, 0, 0, 0, null, null);
    }

    /** True while something holds the app awake right now, whatever the idle period. */
    public boolean busy() {
        return inFlight > 0 || openStreams > 0 || waiting > 0;
    }
}
