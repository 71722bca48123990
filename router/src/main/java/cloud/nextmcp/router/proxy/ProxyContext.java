package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.router.domains.DomainAnswers;
import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.routes.Balancer;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.wake.ScaleFromZero;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every client connection shares: configuration, the live route table, balancing, metrics,
 * upstream connections (one set per event loop), the edge check of private apps, scale from zero,
 * and the observers of finished exchanges.
 */
final class ProxyContext {
    final RouterConfig config;
    final Supplier<RouteTable> routes;
    final Balancer balancer;
    final RouterMetrics metrics;
    final EdgeGate edge;
    final DomainAnswers domains;
    final ScaleFromZero wakes;
    final Dispatcher dispatcher;
    private final ExchangeObserver[] observers;
    private final Function<EventLoop, UpstreamConnections> upstreamsFor;
    private final Map<EventLoop, UpstreamConnections> upstreams = new ConcurrentHashMap<>();
    private volatile boolean draining;

    /** upstreamsFor: creates the upstream connections of one event loop (called once per loop). */
    ProxyContext(RouterConfig config, Supplier<RouteTable> routes, Balancer balancer, RouterMetrics metrics,
                 List<ExchangeObserver> observers, EdgeGate edge, DomainAnswers domains, ScaleFromZero wakes,
                 Function<EventLoop, UpstreamConnections> upstreamsFor) {
        this.config = config;
        this.routes = routes;
        this.balancer = balancer;
        this.metrics = metrics;
        this.observers = observers.toArray(ExchangeObserver[]::new);
        this.edge = edge;
        this.domains = domains;
        this.wakes = wakes;
        this.upstreamsFor = upstreamsFor;
        this.dispatcher = new Dispatcher(this);
    }

    UpstreamConnections upstreams(EventLoop loop) {
        return upstreams.computeIfAbsent(loop, upstreamsFor);
    }

    void streamOpened(ExchangeRecord r) {
        for (ExchangeObserver o : observers) {
            o.streamOpened(r);
        }
    }

    void completed(ExchangeRecord r) {
        for (ExchangeObserver o : observers) {
            o.completed(r);
        }
    }

    boolean draining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }
}
