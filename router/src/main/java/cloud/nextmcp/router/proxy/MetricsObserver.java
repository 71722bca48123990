package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.metrics.TrafficMetrics;

/** Counts finished exchanges per app, per instance and per MCP method/tool, and open streams. */
final class MetricsObserver implements ExchangeObserver {
    private final RouterMetrics metrics;

    MetricsObserver(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void streamOpened(ExchangeRecord r) {
        r.appMetrics().streamOpened();
        r.instanceMetrics().streamOpened();
    }

    @Override
    public void completed(ExchangeRecord r) {
        if (r.route() == null) {
            if (r.outcome() == Outcome.UNROUTED) {
                metrics.unrouted();
            }
            return;
        }
        long nanos = r.totalNanos();
        int status = r.status();
        TrafficMetrics app = r.appMetrics() != null ? r.appMetrics() : metrics.app(r.route().appId(), r.route().appName());
        app.completed(status, nanos, r.bytesIn(), r.bytesOut());
        TrafficMetrics instance = r.instanceMetrics();
        if (instance != null) {
            instance.completed(status, nanos, r.bytesIn(), r.bytesOut());
        }
        if (r.stream()) {
            app.streamClosed();
            instance.streamClosed();
        }
        if (r.mcpMethod() != null) {
            metrics.mcp(r.route().appId(), r.route().appName(), r.mcpMethod(), r.mcpName()).completed(status, nanos);
        }
    }
}
