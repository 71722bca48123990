package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.router.domains.DomainAnswers;
import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.routes.Balancer;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.wake.Wakes;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** What every client connection shares: configuration, the live route table, balancing, metrics, pools, the edge check of private apps, scale from zero. */
final class ProxyContext {
    final RouterConfig config;
    final Supplier<RouteTable> routes;
    final Balancer balancer;
    final RouterMetrics metrics;
    final AccessLog accessLog;
    final EdgeGate edge;
    final DomainAnswers domains;
    final Wakes wakes;
    private final Class<? extends Channel> clientChannelType;
    private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();
    private volatile boolean draining;

    ProxyContext(RouterConfig config, Supplier<RouteTable> routes, Balancer balancer, RouterMetrics metrics,
                 AccessLog accessLog, EdgeGate edge, DomainAnswers domains, Wakes wakes,
                 Class<? extends Channel> clientChannelType) {
        this.config = config;
        this.routes = routes;
        this.balancer = balancer;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.edge = edge;
        this.domains = domains;
        this.wakes = wakes;
        this.clientChannelType = clientChannelType;
    }

    UpstreamPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new UpstreamPool(l, clientChannelType, config.connectTimeout(), config.upstreamIdleTimeout()));
    }

    boolean draining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }
}
