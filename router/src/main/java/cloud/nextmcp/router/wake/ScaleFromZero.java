package cloud.nextmcp.router.wake;

import cloud.nextmcp.router.routes.Route;
import io.netty.util.concurrent.EventExecutor;
import java.util.function.Consumer;

/**
 * What the proxy asks of scale to zero: an autoscaled app's traffic counters, and holding a request
 * that found no live instance. {@link Wakes} is the router's; {@link #OFF} is a proxy without it.
 */
public interface ScaleFromZero {
    /** No app autoscales: nothing is counted and nothing is held. */
    ScaleFromZero OFF = new ScaleFromZero() {
        @Override
        public AppActivity activity(long appId) {
            return null;
        }

        @Override
        public Wakes.Admission hold(Route route, EventExecutor loop, Runnable release, Consumer<String> refuse) {
            return new Wakes.NotAutoscaled();
        }
    };

    /** The app's traffic counters, or null when it does not autoscale (nothing to count). */
    AppActivity activity(long appId);

    /**
     * Offers a request that found no live instance. {@code release} and {@code refuse} run on {@code loop};
     * refuse gets the message for the 503.
     */
    Wakes.Admission hold(Route route, EventExecutor loop, Runnable release, Consumer<String> refuse);
}
