package cloud.nextmcp.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Copies raw bytes one way after a protocol upgrade (WebSocket), with back-pressure; closing one side closes the other. */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;
    private final Runnable onClose;

    Relay(Channel peer, Runnable onClose) {
        this.peer = peer;
        this.onClose = onClose;
    }

    /** Replaces both connections' HTTP handlers by relays; closed runs when either side closes. */
    static void splice(Channel client, ClientHandler conn, Channel up, Runnable closed) {
        client.pipeline().remove("bytes");
        client.pipeline().remove("codec");
        client.pipeline().replace(conn, "relay", new Relay(up, closed));
        up.pipeline().replace(UpstreamPool.HANDLER, "relay", new Relay(client, closed));
        up.pipeline().remove("codec");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            peer.write(b);
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        peer.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        onClose.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
