package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.metrics.TrafficMetrics;
import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Route;

/**
 * The metric counters of a connection's last route and instance. Keep-alive clients mostly repeat
 * them, so they are kept instead of being looked up (key objects, hashing) for every request.
 */
final class ConnectionCounters {
    private final RouterMetrics metrics;
    private Route route;
    private Backend backend;
    private TrafficMetrics app;
    private TrafficMetrics instance;

    ConnectionCounters(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    TrafficMetrics app(Route r) {
        if (r != route) {
            route = r;
            backend = null;
            app = metrics.app(r.appId(), r.appName());
        }
        return app;
    }

    TrafficMetrics instance(Route r, Backend b) {
        app(r);
        if (b != backend) {
            backend = b;
            instance = metrics.instance(r.appId(), r.appName(), b.instanceId());
        }
        return instance;
    }
}
