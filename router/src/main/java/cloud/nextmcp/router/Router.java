package cloud.nextmcp.router;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.router.access.AccessLoader;
import cloud.nextmcp.router.access.CallAuthorizer;
import cloud.nextmcp.router.access.LiveAccess;
import cloud.nextmcp.router.admin.AdminServer;
import cloud.nextmcp.router.domains.DomainAnswers;
import cloud.nextmcp.router.domains.DomainLoader;
import cloud.nextmcp.router.domains.LiveDomains;
import cloud.nextmcp.router.metrics.MinuteSummaries;
import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.proxy.AccessLog;
import cloud.nextmcp.router.proxy.ProxyServer;
import cloud.nextmcp.router.proxy.Transport;
import cloud.nextmcp.router.routes.Balancer;
import cloud.nextmcp.router.routes.LiveRoutes;
import cloud.nextmcp.router.routes.PathFormHosts;
import cloud.nextmcp.router.routes.RouteLoader;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.tls.SniCertificates;
import cloud.nextmcp.router.tls.TlsContexts;
import cloud.nextmcp.router.wake.Wakes;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router role: the public HTTP(S) listeners proxying to app instances by host name, the
 * admin port with Prometheus metrics, the live route table and the per-minute metric summaries.
 */
public final class Router implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final Jdbi jdbi;
    private final RouterMetrics metrics;
    private final Balancer balancer;
    private final LiveRoutes routes;
    private final LiveAccess access;
    private final LiveDomains domains;
    private final Wakes wakes;
    private final String authorizationServer;
    private final Transport transport;
    private MultiThreadIoEventLoopGroup boss;
    private MultiThreadIoEventLoopGroup workers;
    private ProxyServer proxy;
    private AdminServer admin;
    private MinuteSummaries summaries;
    private int port = -1;
    private int adminPort = -1;
    private volatile boolean stopping;

    /** A router whose private apps' metadata names no authorization server (tests, benchmarks). */
    public Router(RouterConfig config, Jdbi jdbi, EventBus events) {
        this(config, jdbi, events, null, null, null);
    }

    /** authorizationServer: the API's public URL, named in private apps' protected resource metadata. */
    public Router(RouterConfig config, Jdbi jdbi, EventBus events, String authorizationServer) {
        this(config, jdbi, events, authorizationServer, null, null);
    }

    /**
     * @param authorizationServer the API's public URL, named in private apps' protected resource metadata
     * @param publicHost          the host name of the router's public URL, on which the path form /apps/&lt;app&gt;/ is served
     * @param secretBox           opens custom domains' certificates (the platform's master key); null serves none of them
     */
    public Router(RouterConfig config, Jdbi jdbi, EventBus events, String authorizationServer, String publicHost,
                  SecretBox secretBox) {
        this.config = config;
        this.transport = Transport.of(config.transport());
        this.metrics = new RouterMetrics(config.mcpLabelsPerApp());
        this.domains = new LiveDomains(new DomainLoader(jdbi, secretBox), events, config.reloadInterval());
        this.authorizationServer = authorizationServer;
        this.access = new LiveAccess(new AccessLoader(jdbi), events, config.reloadInterval());
        this.jdbi = jdbi;
        this.balancer = new Balancer(config.sessionIdleTimeout());
        this.wakes = new Wakes(jdbi, events, this::currentRoutes, config.upstreamResponseTimeout(), config.reloadInterval(),
                Duration.ofSeconds(1));
        this.routes = new LiveRoutes(new RouteLoader(jdbi, config.appsDomain(), PathFormHosts.of(config.appsDomain(), publicHost)), events, config.reloadInterval(), table -> {
            balancer.prune(table);
            wakes.routesChanged(table);
        });
    }

    private RouteTable currentRoutes() {
        return routes.current();
    }

    public synchronized void start() {
        routes.start();
        wakes.start();
        access.start();
        domains.start();
        boss = transport.newGroup(1);
        workers = transport.newGroup(config.ioThreads());
        proxy = new ProxyServer(config, transport, routes::current, balancer, metrics, new AccessLog(config.accessLog()),
                new CallAuthorizer(access::current, access, Clock.systemUTC(), authorizationServer), authorizationServer,
                new DomainAnswers(domains::current, config.tls().enabled() ? config.tls().port() : -1, Clock.systemUTC()), wakes);
        admin = new AdminServer(metrics, () -> !stopping);
        try {
            port = proxy.start(boss, workers, config.tls().enabled()
                    ? new SniCertificates(domains::current, TlsContexts.build(config.tls(), config.appsDomain()), Clock.systemUTC())
                    : null);
            adminPort = admin.start(boss, transport.serverChannel(), config.bindHost(), config.adminPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the router ports", e);
        }
        if (config.metricsToDatabase()) {
            summaries = new MinuteSummaries(metrics, jdbi);
            summaries.start();
        }
        LOG.info("Router started ({} transport, {} io threads): http port {}, admin port {}, apps domain {}, {} hosts routed",
                transport.name(), config.ioThreads(), port, adminPort, config.appsDomain(), routes.current().size());
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int tlsPort() {
        return proxy == null ? -1 : proxy.tlsPort();
    }

    /** Open client connections on both ports. */
    public int openConnections() {
        return proxy == null ? 0 : proxy.openConnections();
    }

    public RouterMetrics metrics() {
        return metrics;
    }

    /** Graceful: stops accepting, lets in-flight requests and streams finish within shutdownGrace, then closes. */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (proxy != null) {
            proxy.stop();
        }
        if (admin != null) {
            admin.stop();
        }
        routes.close();
        wakes.close();
        access.close();
        domains.close();
        if (summaries != null) {
            summaries.close();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        LOG.info("Router stopped");
    }
}
