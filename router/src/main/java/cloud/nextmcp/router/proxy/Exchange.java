package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Route;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One request and its response: either answered by the router itself ({@link #answer}) or
 * proxied to an instance ({@link #start}), streaming the request body up and the response down
 * message by message. The response side moves through {@link Phase}; the end is one
 * {@link Outcome}, published once to the {@link ExchangeObserver}s, which also decides whether the
 * upstream connection is reused.
 */
final class Exchange extends RecordedExchange implements UpstreamListener {
    /** How the upstream connection was obtained: a pooled one may have been closed by the instance meanwhile. */
    private enum Attempt { NEW, POOLED, RETRIED }

    private final ChannelHandlerContext ctx;
    private final ProxyContext px;
    /** What the instance receives: the client's URI without a path-form prefix. */
    private final String uri;
    private final boolean clientKeepAlive;
    private Phase phase = Phase.AWAITING_RESPONSE;
    private boolean requestDone;
    private boolean upgrade;
    private Attempt attempt = Attempt.NEW;
    private Channel upstream;
    private UpstreamConnections upstreams;
    private HttpRequest outbound;
    private List<HttpContent> pending;
    private ResponseHead head;
    /** Set for an event stream: follows its event ids so a resumption finds this instance. */
    private SseEventIds eventIds;
    private long maxBody;
    private String session;
    /** While {@link Phase#HELD}: ends the hold when the exchange ends first (client gone); null when nothing needs ending. */
    private Runnable cancelHold;

    Exchange(ClientHandler conn, ProxyContext px, HttpRequest request, String host, String uri, Route route) {
        super(conn, request, host, route);
        this.ctx = conn.ctx();
        this.px = px;
        this.uri = uri;
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    }

    /** An error page from the router; 503 carries Retry-After. closeAfter: a body is still coming. */
    void answer(HttpResponseStatus st, String detail, Outcome outcome, boolean closeAfter, boolean headWasLast) {
        answer(close -> ErrorPages.page(st, detail, close, px.config.retryAfterSeconds()), outcome, closeAfter, headWasLast);
    }

    /** pageFor gets whether the connection closes after the answer. */
    void answer(Function<Boolean, FullHttpResponse> pageFor, Outcome outcome, boolean closeAfter, boolean headWasLast) {
        boolean close = closeAfter || !clientKeepAlive || conn.closeWhenIdle();
        FullHttpResponse page = pageFor.apply(close);
        status = page.status().code();
        bytesOut = page.content().readableBytes();
        ChannelFuture f = ctx.writeAndFlush(page);
        requestDone = true;
        publish(outcome);
        conn.answeredLocally(f, close, headWasLast);
    }

    /**
     * Waits as the connection's current exchange, the body buffered and the client's reading paused,
     * until {@link #start}, {@link #wakeRefused} or {@link #answerHeld}: while the app wakes (scale to
     * zero) or while the edge decides again on a fresher access snapshot. A held exchange may be held
     * again (decided again, then waiting for a wake); what it buffered stays.
     *
     * @param cancel ends the hold if the exchange ends first (client gone); null when nothing needs ending
     */
    void hold(Runnable cancel, long maxBody) {
        if (phase != Phase.HELD) {
            conn.exchangeStarted(this);
            phase = Phase.HELD;
            pending = new ArrayList<>(2);
            mcp = McpCallCapture.of(request, conn);
            ctx.channel().config().setAutoRead(false);
        }
        cancelHold = cancel;
        this.maxBody = maxBody;
    }

    boolean held() {
        return phase == Phase.HELD;
    }

    void wakeRefused(String detail, Outcome why) {
        failBeforeResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, detail, why);
    }

    /** Ends a held exchange with the router's own answer; pageFor gets whether the connection closes after it. */
    void answerHeld(Function<Boolean, FullHttpResponse> pageFor, Outcome why) {
        failBeforeResponse(pageFor, why);
    }

    /** Proxies to the backend; the connection hands the request body to {@link #requestContent} from now on. */
    void start(Backend b, String prefix, boolean chunked, long maxBody, String session) {
        conn.exchangeStarted(this);
        if (phase == Phase.HELD) {
            phase = Phase.AWAITING_RESPONSE;
            cancelHold = null;
            ctx.channel().config().setAutoRead(true);
        }
        this.backend = b;
        this.maxBody = maxBody;
        this.session = session;
        b.begin();
        countActivity(px.wakes.activity(route.appId()));
        appMetrics = conn.counters().app(route);
        instanceMetrics = conn.counters().instance(route, b);
        if (mcp == null) {
            mcp = McpCallCapture.of(request, conn);
        }
        upgrade = UpstreamRequest.isUpgrade(request);
        outbound = UpstreamRequest.prepare(request, uri, b, chunked, upgrade, conn.clientIp(), conn.proto(), host, prefix, conn.forwardedValue(host));
        upstreams = px.upstreams(ctx.channel().eventLoop());
        Channel pooled = upstreams.pooled(b);
        if (pooled != null) {
            attempt = Attempt.POOLED;
            attach(pooled);
        } else {
            connectAndAttach();
        }
    }

    private void connectAndAttach() {
        if (pending == null) {
            pending = new ArrayList<>(2);
        }
        Backend b = backend;
        UpstreamConnections pool = upstreams;
        pool.connect(b).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "App " + route.appName() + " did not accept the connection.", Outcome.CONNECT_FAILED);
            } else if (phase == Phase.FINISHED) {
                pool.release(b, f.channel());
            } else {
                attach(f.channel());
            }
        });
    }

    /**
     * A pooled connection the instance closed before answering (its keep-alive timeout raced our
     * reuse) is a stale connection, not a failed request: a request that is safe to repeat and has
     * no body to replay is sent once more, on a new connection.
     */
    private boolean retryOnFreshConnection() {
        if (attempt != Attempt.POOLED || phase.upstreamAnswered() || upgrade || !UpstreamRequest.replayable(request, bytesIn)) {
            return false;
        }
        attempt = Attempt.RETRIED;
        conn.disarmResponseTimer();
        pending = new ArrayList<>(1);
        if (requestDone) {
            pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        connectAndAttach();
        return true;
    }

    private void attach(Channel ch) {
        upstream = ch;
        ch.pipeline().get(UpstreamHandler.class).attach(this);
        ch.write(outbound, ch.voidPromise());
        if (pending != null) {
            pending.forEach(m -> ch.write(m, ch.voidPromise()));
            pending = null;
        }
        ch.flush();
        if (requestDone) {
            armResponseTimer();
        }
        if (!ch.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    boolean requestDone() {
        return requestDone;
    }

    Channel upstream() {
        return upstream;
    }

    void requestContent(HttpContent c) {
        if (c.decoderResult().isFailure()) {
            c.release();
            failBeforeResponse(HttpResponseStatus.BAD_REQUEST, "Malformed request body.", Outcome.BAD_REQUEST);
            return;
        }
        bytesIn += c.content().readableBytes();
        if (bytesIn > maxBody) {
            c.release();
            failBeforeResponse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + maxBody + " bytes.", Outcome.TOO_LARGE);
            return;
        }
        if (mcp != null) {
            mcp.body(c.content());
        }
        boolean last = c instanceof LastHttpContent;
        if (upstream != null) {
            upstream.write(c, upstream.voidPromise());
        } else {
            pending.add(c);
        }
        if (last) {
            requestDone = true;
            if (mcp != null) {
                mcp.bodyDone();
            }
            if (upstream != null) {
                upstream.flush();
                armResponseTimer();
            }
        }
    }

    private void armResponseTimer() {
        if (!phase.responseStarted()) {
            conn.armResponseTimer();
        }
    }

    void responseTimedOut() {
        failBeforeResponse(HttpResponseStatus.GATEWAY_TIMEOUT, "App " + route.appName() + " did not answer in time.", Outcome.TIMEOUT);
    }

    @Override
    public void upstreamMessage(HttpObject msg) {
        if (phase == Phase.FINISHED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            responseHead(r);
        }
        if (msg instanceof HttpContent c) {
            if (phase != Phase.RESPONDING) {
                // the (empty) body of a 1xx, or what follows a head that ended the exchange
                if (phase == Phase.INTERIM && c instanceof LastHttpContent) {
                    phase = Phase.AFTER_INTERIM;
                }
                c.release();
                return;
            }
            bytesOut += c.content().readableBytes();
            if (eventIds != null) {
                eventIds.scan(c.content());
            }
            boolean last = c instanceof LastHttpContent;
            ctx.write(c, ctx.voidPromise());
            if (!ctx.channel().isWritable()) {
                upstream.config().setAutoRead(false);
            }
            if (last) {
                phase = Phase.RESPONDED;
                ctx.flush();
                if (requestDone) {
                    finish(head.closeClient(), Outcome.OK);
                } else {
                    finish(true, Outcome.EARLY_RESPONSE);
                }
            }
        }
    }

    private void responseHead(HttpResponse r) {
        if (r.decoderResult().isFailure()) {
            failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "App " + route.appName() + " sent an invalid response.", Outcome.BAD_RESPONSE);
            return;
        }
        conn.disarmResponseTimer();
        int code = r.status().code();
        if (code == 101 && upgrade) {
            tunnel(r);
            return;
        }
        if (code < 200) {
            phase = Phase.INTERIM;
            ForwardedHeaders.removeHopByHop(r.headers());
            // whole, as one message: HTTP/2 sends an interim answer as a lone HEADERS frame
            ctx.writeAndFlush(new DefaultFullHttpResponse(r.protocolVersion(), r.status(), Unpooled.EMPTY_BUFFER,
                    r.headers(), EmptyHttpHeaders.INSTANCE));
            return;
        }
        status = code;
        headerNanos = System.nanoTime() - startNanos;
        String issued = r.headers().get(ForwardedHeaders.MCP_SESSION_ID);
        if (issued != null) {
            px.balancer.pin(issued, backend);
        } else if (session != null && HttpMethod.DELETE.equals(request.method()) && code < 300) {
            px.balancer.forget(session);
        }
        head = ResponseHead.relay(request, r, !clientKeepAlive || conn.closeWhenIdle() || px.draining());
        phase = Phase.RESPONDING;
        if (head.stream()) {
            stream = true;
            eventIds = new SseEventIds(px.balancer, backend);
            px.streamOpened(this);
            activityStreamOpened();
        }
        ctx.write(r, ctx.voidPromise());
    }

    private void tunnel(HttpResponse r) {
        status = 101;
        headerNanos = System.nanoTime() - startNanos;
        phase = Phase.TUNNEL;
        stream = true;
        px.streamOpened(this);
        activityStreamOpened();
        upstream.pipeline().get(UpstreamHandler.class).detach();
        ctx.writeAndFlush(r);
        Relay.splice(ctx.channel(), conn, upstream, () -> {
            if (!ended()) {
                requestDone = true;
                releaseAndPublish(Outcome.TUNNEL_CLOSED);
            }
        });
    }

    @Override
    public void upstreamReadComplete() {
        ctx.flush();
    }

    @Override
    public void upstreamWritabilityChanged(boolean writable) {
        if (!requestDone) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    @Override
    public void upstreamClosed(Throwable cause) {
        if (phase == Phase.FINISHED) {
            return;
        }
        upstream = null;
        if (!phase.responseStarted() && retryOnFreshConnection()) {
            return;
        }
        if (!phase.responseStarted()) {
            failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "App " + route.appName() + " closed the connection without an answer.", Outcome.UPSTREAM_CLOSED);
        } else {
            finish(true, Outcome.UPSTREAM_CLOSED); // cut mid-response: the client can only learn it from a closed connection
        }
    }

    void clientGone() {
        if (phase != Phase.FINISHED) {
            finish(true, Outcome.CLIENT_CLOSED);
        }
    }

    private void failBeforeResponse(HttpResponseStatus st, String detail, Outcome why) {
        failBeforeResponse(close -> ErrorPages.page(st, detail, close, px.config.retryAfterSeconds()), why);
    }

    private void failBeforeResponse(Function<Boolean, FullHttpResponse> pageFor, Outcome why) {
        if (phase == Phase.FINISHED) {
            return;
        }
        if (!phase.responseStarted() && ctx.channel().isActive()) {
            boolean close = !requestDone || !clientKeepAlive || conn.closeWhenIdle();
            FullHttpResponse page = pageFor.apply(close);
            status = page.status().code();
            bytesOut += page.content().readableBytes();
            ChannelFuture f = ctx.writeAndFlush(page);
            phase = Phase.RESPONDED;
            if (close) {
                conn.closeAfter(f);
            }
            finish(close, why);
        } else {
            finish(true, why);
        }
    }

    /** Ends the exchange: returns or closes the upstream connection, publishes it, moves the client on. */
    private void finish(boolean closeClientConnection, Outcome why) {
        if (phase == Phase.FINISHED) {
            return;
        }
        if (cancelHold != null) {
            cancelHold.run(); // a no-op when the hold already ended (refused)
            cancelHold = null;
        }
        boolean clean = requestDone && phase == Phase.RESPONDED;
        conn.disarmResponseTimer();
        Channel up = upstream;
        if (up != null) {
            up.pipeline().get(UpstreamHandler.class).detach();
            if (clean && head != null && head.upstreamKeepAlive() && why.reusesUpstream()) {
                upstreams.release(backend, up);
            } else {
                up.close();
            }
        }
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending = null;
        }
        releaseAndPublish(why);
        conn.exchangeFinished(this, closeClientConnection);
    }

    private void releaseAndPublish(Outcome why) {
        phase = Phase.FINISHED;
        if (backend != null) { // null: held for a wake and ended before reaching an instance
            backend.end();
            activityEnded();
        }
        publish(why);
    }

    private void publish(Outcome why) {
        ended(why);
        px.completed(this);
    }
}
