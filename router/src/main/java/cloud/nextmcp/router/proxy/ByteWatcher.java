package cloud.nextmcp.router.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Sits before the HTTP decoder and tells the client handler that bytes arrived, which starts the header-read deadline. */
final class ByteWatcher extends ChannelInboundHandlerAdapter {
    private final ClientHandler client;

    ByteWatcher(ClientHandler client) {
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        client.bytesArriving();
        ctx.fireChannelRead(msg);
    }
}
