package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.routes.Backend;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive connections to upstream instances, one pool per event loop: a client connection and
 * its upstream connections share a thread, so the pool needs no locks and no thread hand-off.
 */
final class UpstreamPool implements UpstreamConnections {
    static final String HANDLER = "upstream";

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();

    UpstreamPool(EventLoop loop, Class<? extends Channel> channelType, Duration connectTimeout, Duration idleTimeout) {
        this.loop = loop;
        long idleNanos = idleTimeout.toNanos();
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT) // as the client side: see ProxyServer.bind
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("codec", new HttpClientCodec(8192, 64 * 1024, 64 * 1024));
                        ch.pipeline().addLast(HANDLER, new UpstreamHandler(idleNanos));
                    }
                });
    }

    @Override
    public Channel pooled(Backend backend) {
        ArrayDeque<Channel> q = idle.get(backend.address());
        while (q != null && !q.isEmpty()) {
            Channel ch = q.pollLast();
            if (ch.isActive()) {
                ch.pipeline().get(UpstreamHandler.class).leavePool();
                return ch;
            }
        }
        return null;
    }

    @Override
    public ChannelFuture connect(Backend backend) {
        ChannelFuture f = bootstrap.connect(backend.host(), backend.port());
        Channel ch = f.channel();
        String address = backend.address();
        ch.closeFuture().addListener(done -> {
            ArrayDeque<Channel> q = idle.get(address);
            if (q != null) {
                q.remove(ch);
            }
        });
        return f;
    }

    @Override
    public void release(Backend backend, Channel ch) {
        assert loop.inEventLoop();
        if (!ch.isActive()) {
            return;
        }
        if (!ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
        ch.pipeline().get(UpstreamHandler.class).enterPool();
        ArrayDeque<Channel> q = idle.computeIfAbsent(backend.address(), k -> new ArrayDeque<>());
        q.addLast(ch);
    }
}
