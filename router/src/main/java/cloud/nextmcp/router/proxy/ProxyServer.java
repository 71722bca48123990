package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.router.access.CallAuthorizer;
import cloud.nextmcp.router.domains.DomainAnswers;
import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.routes.Balancer;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.wake.ScaleFromZero;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The public listeners (plain HTTP, and HTTPS when configured) and their graceful stop. */
public final class ProxyServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final RouterConfig config;
    private final Transport transport;
    private final ProxyContext px;
    private final ChannelGroup clients = new DefaultChannelGroup("router-clients", GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new ArrayList<>();

    public ProxyServer(RouterConfig config, Transport transport, Supplier<RouteTable> routes, Balancer balancer,
                       RouterMetrics metrics, AccessLog accessLog, CallAuthorizer authorizer, String authorizationServer,
                       DomainAnswers domains, ScaleFromZero wakes) {
        this.config = config;
        this.transport = transport;
        this.px = new ProxyContext(config, routes, balancer, metrics,
                List.of(new MetricsObserver(metrics), new AccessLogObserver(accessLog)),
                new EdgeGate(authorizer, metrics, authorizationServer), domains, wakes,
                loop -> new UpstreamPool(loop, transport.socketChannel(), config.connectTimeout(), config.upstreamIdleTimeout()));
    }

    /** Binds the HTTP port and, with sni non-null, the TLS port. Returns the bound HTTP port. */
    public int start(EventLoopGroup boss, EventLoopGroup workers, Mapping<String, SslContext> sni) throws InterruptedException {
        listeners.add(bind(boss, workers, config.port(), null));
        if (sni != null) {
            listeners.add(bind(boss, workers, config.tls().port(), sni));
        }
        return port(0);
    }

    public int port(int index) {
        return ((InetSocketAddress) listeners.get(index).localAddress()).getPort();
    }

    /** Open client connections (an HTTP/2 connection counts once, whatever its streams). */
    public int openConnections() {
        return clients.size();
    }

    public int tlsPort() {
        return listeners.size() > 1 ? port(1) : -1;
    }

    /**
     * Client and upstream channels use Netty's pooled allocator rather than 4.2's default adaptive
     * one: every buffer here is allocated and freed on the same event loop, which the pooled
     * allocator's thread caches serve without the adaptive allocator's shared queues (measured:
     * about 1–2 us less CPU per proxied request).
     */
    private Channel bind(EventLoopGroup boss, EventLoopGroup workers, int port, Mapping<String, SslContext> sni) throws InterruptedException {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineBytes())
                .setMaxHeaderSize(config.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true);
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (sni == null) {
                            http1(p, decoder, false);
                        } else {
                            p.addLast("tls", new SniHandler(sni));
                            p.addLast("alpn", new ProtocolChooser(px, pipeline -> http1(pipeline, decoder, true)));
                        }
                    }
                });
        Channel ch = b.bind(config.bindHost(), port).sync().channel();
        LOG.info("Router listening on {}{}", ch.localAddress(), sni != null ? " (TLS)" : "");
        return ch;
    }

    private void http1(ChannelPipeline p, HttpDecoderConfig decoder, boolean tls) {
        ClientHandler handler = new ClientHandler(px, tls);
        p.addLast("bytes", new ByteWatcher(handler));
        p.addLast("codec", new HttpServerCodec(decoder));
        p.addLast("client", handler);
    }

    /**
     * Stops accepting, lets in-flight requests and streams finish until the grace period ends,
     * then closes what is left. Idle connections close at once.
     */
    public void stop() {
        px.startDraining();
        listeners.forEach(l -> l.close().awaitUninterruptibly());
        clients.forEach(c -> c.pipeline().fireUserEventTriggered(ClientHandler.DRAIN));
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!clients.isEmpty()) {
            LOG.warn("Closing {} connections still open after the {} grace period", clients.size(), config.shutdownGrace());
        }
        clients.close().awaitUninterruptibly();
    }
}
