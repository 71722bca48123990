package cloud.nextmcp.router.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands responses to the exchange using the
 * connection, or, while the connection idles in the pool, closes it on any unexpected input or
 * when it has idled longer than the pool's idle timeout. That timeout is a {@link Deadline} moved
 * when the connection enters and leaves the pool, not an {@code IdleStateHandler}, which would
 * attach a promise listener to every write and read the clock on every read.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private final long idleNanos;
    private UpstreamListener listener;
    private Throwable failure;
    private Deadline idle;

    UpstreamHandler(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        idle = new Deadline(ctx.executor(), () -> {
            if (listener == null) {
                ctx.close();
            }
        });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        idle.cancel(); // replaced by a relay when the connection becomes a tunnel
    }

    void enterPool() {
        idle.arm(idleNanos);
    }

    void leavePool() {
        idle.disarm();
    }

    void attach(UpstreamListener l) {
        this.listener = l;
    }

    void detach() {
        this.listener = null;
    }

    boolean attached() {
        return listener != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamListener l = listener;
        if (l != null && msg instanceof HttpObject o) {
            l.upstreamMessage(o);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.upstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        idle.cancel();
        UpstreamListener l = listener;
        listener = null;
        if (l != null) {
            l.upstreamClosed(failure);
        }
    }
}
