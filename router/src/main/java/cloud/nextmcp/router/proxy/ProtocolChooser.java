package cloud.nextmcp.router.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import java.util.function.Consumer;

/**
 * After the TLS handshake, sets up the connection for the protocol ALPN chose: HTTP/2, where each
 * stream gets its own channel whose pipeline turns frames into the same HTTP/1 messages and ends
 * in the same {@link ClientHandler} as an HTTP/1.1 connection (so routing, streaming, session
 * pinning and the upstream side are shared); or HTTP/1.1 for clients that do not offer h2.
 */
final class ProtocolChooser extends ApplicationProtocolNegotiationHandler {
    /** Streams one client may have open at once; each SSE stream holds one for its lifetime. */
    static final int MAX_CONCURRENT_STREAMS = 256;

    private final ProxyContext px;
    private final Consumer<ChannelPipeline> http1;

    /** http1: adds the HTTP/1.1 handlers (the same as on the plain port). */
    ProtocolChooser(ProxyContext px, Consumer<ChannelPipeline> http1) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.px = px;
        this.http1 = http1;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        ChannelPipeline p = ctx.pipeline();
        if (!ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            http1.accept(p);
            return;
        }
        p.addLast("h2", Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(px.config.maxHeaderBytes()))
                .gracefulShutdownTimeoutMillis(px.config.shutdownGrace().toMillis())
                .build());
        p.addLast("streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast("codec", new Http2StreamFrameToHttpObjectCodec(true));
                ch.pipeline().addLast("h2-headers", StripConversionHeaders.INSTANCE);
                ch.pipeline().addLast("client", new ClientHandler(px, true));
            }
        }));
        p.addLast("drain", DrainConnection.INSTANCE);
    }

    /** The frame-to-HTTP/1 conversion adds x-http2-* headers for its own bookkeeping; apps must not see them. */
    @ChannelHandler.Sharable
    static final class StripConversionHeaders extends ChannelInboundHandlerAdapter {
        static final StripConversionHeaders INSTANCE = new StripConversionHeaders();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest req) {
                for (HttpConversionUtil.ExtensionHeaderNames n : HttpConversionUtil.ExtensionHeaderNames.values()) {
                    req.headers().remove(n.text());
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * The router is stopping: closing an HTTP/2 connection sends GOAWAY and lets the open streams
     * finish within the grace period (Netty's graceful shutdown), as draining does for HTTP/1.1.
     */
    @ChannelHandler.Sharable
    static final class DrainConnection extends ChannelInboundHandlerAdapter {
        static final DrainConnection INSTANCE = new DrainConnection();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ClientHandler.DRAIN) {
                ctx.channel().close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }
    }
}
