package cloud.nextmcp.router.admin;

import cloud.nextmcp.router.metrics.PrometheusFormat;
import cloud.nextmcp.router.metrics.RouterMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** The admin port: {@code GET /metrics} (Prometheus text) and {@code GET /healthz}. */
public final class AdminServer {
    private final RouterMetrics metrics;
    private final BooleanSupplier healthy;
    private Channel channel;

    public AdminServer(RouterMetrics metrics, BooleanSupplier healthy) {
        this.metrics = metrics;
        this.healthy = healthy;
    }

    public int start(EventLoopGroup group, Class<? extends ServerChannel> type, String host, int port) throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(type).childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new Handler());
            }
        }).bind(host, port).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public void stop() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri().split("\\?", 2)[0];
            FullHttpResponse res;
            if ("/metrics".equals(path)) {
                res = text(HttpResponseStatus.OK, PrometheusFormat.render(metrics), "text/plain; version=0.0.4; charset=utf-8");
            } else if ("/healthz".equals(path)) {
                boolean ok = healthy.getAsBoolean();
                res = text(ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, ok ? "ok\n" : "draining\n", "text/plain");
            } else {
                res = text(HttpResponseStatus.NOT_FOUND, "not found\n", "text/plain");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private FullHttpResponse text(HttpResponseStatus status, String body, String type) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }
    }
}
