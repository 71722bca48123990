package cloud.nextmcp.router.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: its timeouts, its queue of pipelined requests, and how it closes.
 * Requests are handled one at a time; the {@link Dispatcher} decides each, and a proxied one
 * becomes the connection's current {@link Exchange} until it ends.
 *
 * <p>Messages relayed between the two connections are written with the channel's void promise:
 * nothing waits on those writes, and a failed write closes its connection either way (Netty
 * closes on a write error, and the handlers close on the exception a void promise fires), which
 * ends the exchange through the usual close path. This saves a promise per message.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    static final Object DRAIN = new Object();

    private final ProxyContext px;
    private final String proto;
    private final ConnectionCounters counters;
    private ChannelHandlerContext ctx;
    private Exchange ex;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    /** The connection's state beside the current exchange. */
    private enum State { OPEN, SKIPPING_BODY, CLOSE_WHEN_IDLE, CLOSING }
    private State state = State.OPEN;
    private final long idleNanos;
    private final long headerReadNanos;
    private final long responseNanos;
    private Deadline idle;
    private Deadline headerRead;
    private Deadline response;
    private String clientIp = "";
    /* Keep-alive clients mostly repeat the host of their previous request, so the Forwarded value is kept per connection. */
    private String forwardedHost;
    private String forwarded;
    /** The copy of a JSON body's start where the MCP call is looked for; one per connection, requests take turns. */
    private byte[] sniffBuffer;

    ClientHandler(ProxyContext px, boolean tls) {
        this.px = px;
        this.proto = tls ? "https" : "http";
        this.counters = new ConnectionCounters(px.metrics);
        this.idleNanos = px.config.idleTimeout().toNanos();
        this.headerReadNanos = px.config.headerReadTimeout().toNanos();
        this.responseNanos = px.config.upstreamResponseTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        idle = new Deadline(ctx.executor(), () -> {
            if (ex == null) {
                ctx.close();
            }
        });
        headerRead = new Deadline(ctx.executor(), () -> {
            if (ex == null && state != State.CLOSING) {
                respondAndClose(HttpResponseStatus.REQUEST_TIMEOUT, "The request head was not received in time.");
            }
        });
        response = new Deadline(ctx.executor(), () -> {
            if (ex != null) {
                ex.responseTimedOut();
            }
        });
        if (ctx.channel().isActive()) {
            opened();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        opened();
        ctx.fireChannelActive();
    }

    /** Once per connection; after TLS and ALPN the handler joins a connection that is already active. */
    private void opened() {
        if (!clientIp.isEmpty()) {
            return;
        }
        clientIp = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown";
        idle.arm(idleNanos);
    }

    /** Called by {@link ByteWatcher} when bytes arrive: a request head has started, so the header deadline runs. */
    void bytesArriving() {
        if (ex == null && !headerRead.armed() && (state == State.OPEN || state == State.CLOSE_WHEN_IDLE)) {
            idle.disarm();
            headerRead.arm(headerReadNanos);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSING) {
            ReferenceCountUtil.release(msg);
        } else if (ex != null && ex.requestDone() || !queued.isEmpty()) {
            queued.add(msg); // pipelined: waits for the current response
        } else {
            handle(msg);
        }
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest req) {
            headerRead.disarm();
            idle.disarm();
            px.dispatcher.dispatch(this, req);
            if (state == State.CLOSING || !(msg instanceof HttpContent)) {
                ReferenceCountUtil.release(msg);
            } else {
                // A whole request in one message (HTTP/2 HEADERS ending the stream): its body goes on as
                // the last content, or the upstream encoder would see a second request head.
                handleContent(new DefaultLastHttpContent(((HttpContent) msg).content()));
            }
        } else if (msg instanceof HttpContent c) {
            handleContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handleContent(HttpContent c) {
        if (ex != null && !ex.requestDone()) {
            ex.requestContent(c);
        } else {
            if (c.decoderResult().isFailure()) {
                respondAndClose(HttpResponseStatus.BAD_REQUEST, "Malformed request body.");
            } else if (c instanceof LastHttpContent && state == State.SKIPPING_BODY) {
                state = State.OPEN;
            }
            c.release();
        }
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    String proto() {
        return proto;
    }

    String clientIp() {
        return clientIp;
    }

    byte[] sniffBuffer() {
        if (sniffBuffer == null) {
            sniffBuffer = new byte[px.config.mcpSniffBytes()];
        }
        return sniffBuffer;
    }

    ConnectionCounters counters() {
        return counters;
    }

    String forwardedValue(String host) {
        if (!host.equals(forwardedHost)) {
            forwardedHost = host;
            forwarded = ForwardedHeaders.forwardedValue(clientIp, proto, host);
        }
        return forwarded;
    }

    /** The router is stopping: the connection closes after the current exchange. */
    boolean closeWhenIdle() {
        return state == State.CLOSE_WHEN_IDLE;
    }

    void armResponseTimer() {
        if (!response.armed()) {
            response.arm(responseNanos);
        }
    }

    void disarmResponseTimer() {
        response.disarm();
    }

    void exchangeStarted(Exchange e) {
        ex = e;
    }

    /** After a router's own answer: close, or skip the rest of the request body and wait for the next request. */
    void answeredLocally(ChannelFuture written, boolean close, boolean headWasLast) {
        if (close) {
            closeAfter(written);
        } else {
            if (!headWasLast) {
                state = State.SKIPPING_BODY;
            }
            idle.arm(idleNanos);
        }
    }

    /** For failures before any exchange: an error page, then the connection closes. */
    void respondAndClose(HttpResponseStatus status, String detail) {
        headerRead.disarm();
        idle.disarm();
        closeAfter(ctx.writeAndFlush(ErrorPages.page(status, detail, true)));
    }

    /**
     * Closes after a refused request without resetting the connection: a plain close with unread
     * request bytes makes the kernel send RST, and the client may lose the error response. So the
     * write side is shut first and input is discarded for a short while, as nginx's lingering close does.
     */
    void closeAfter(ChannelFuture lastWrite) {
        state = State.CLOSING;
        lastWrite.addListener(f -> {
            Channel ch = ctx.channel();
            if (ch instanceof DuplexChannel d && ch.isActive()) {
                d.shutdownOutput();
                ctx.executor().schedule(() -> ch.close(), 2, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        });
    }

    void exchangeFinished(Exchange e, boolean close) {
        if (ex != e) {
            return;
        }
        ex = null;
        if (!ctx.channel().config().isAutoRead()) { // setAutoRead is an atomic swap: not on every request
            ctx.channel().config().setAutoRead(true);
        }
        if (close || state == State.CLOSE_WHEN_IDLE) {
            state = State.CLOSING;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // A queued request's head and its body parts are separate messages: keep handing them over
        // until a request is complete and waiting for its answer.
        while ((ex == null || !ex.requestDone()) && state != State.CLOSING && !queued.isEmpty()) {
            handle(queued.poll());
        }
        if (ex == null && state != State.CLOSING) {
            idle.arm(idleNanos);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ex != null && ex.upstream() != null) {
            ex.upstream().flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ex != null && ex.upstream() != null) {
            ex.upstream().config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DRAIN) {
            if (state != State.CLOSING) {
                state = State.CLOSE_WHEN_IDLE;
            }
            if (ex == null) {
                state = State.CLOSING;
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSING;
        idle.cancel();
        headerRead.cancel();
        response.cancel();
        if (ex != null) {
            ex.clientGone();
        }
        while (!queued.isEmpty()) {
            ReferenceCountUtil.release(queued.poll());
        }
    }
}
