package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.access.Decision;
import cloud.nextmcp.router.metrics.McpCallSniffer;
import cloud.nextmcp.router.metrics.TrafficMetrics;
import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Route;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.wake.AppActivity;
import cloud.nextmcp.router.wake.Ticket;
import cloud.nextmcp.router.wake.Wakes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One client connection. Requests are handled one at a time (pipelined ones wait in a queue);
 * each becomes an {@link Exchange} that streams the request to an upstream instance and the
 * response back, message by message, flushing whenever the upstream read batch ends so that
 * server-sent events leave as soon as they arrive.
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
    private ChannelHandlerContext ctx;
    private Exchange ex;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private boolean skipBody;
    private boolean closing;
    private boolean closeWhenIdle;
    private final long idleNanos;
    private final long headerReadNanos;
    private final long responseNanos;
    private Deadline idle;
    private Deadline headerRead;
    private Deadline response;
    private String clientIp = "";
    /*
     * Keep-alive clients mostly repeat the host, route and instance of their previous request, so
     * the Forwarded value and the metric counters of the last request are kept per connection
     * instead of being rebuilt or looked up (key objects, hashing) for every request.
     */
    private String forwardedHost;
    private String forwarded;
    private Route metricsRoute;
    private Backend metricsBackend;
    private TrafficMetrics lastAppMetrics;
    private TrafficMetrics lastInstanceMetrics;

    ClientHandler(ProxyContext px, boolean tls) {
        this.px = px;
        this.proto = tls ? "https" : "http";
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
        headerRead = new Deadline(ctx.executor(), this::headerTimedOut);
        response = new Deadline(ctx.executor(), () -> {
            if (ex != null) {
                ex.responseTimedOut();
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            clientIp = a.getAddress().getHostAddress();
        }
        armIdle();
        ctx.fireChannelActive();
    }

    /** Called by {@link ByteWatcher} when bytes arrive: a request head has started, so the header deadline runs. */
    void bytesArriving() {
        if (ex == null && !headerRead.armed() && !closing && !skipBody) {
            cancelIdle();
            headerRead.arm(headerReadNanos);
        }
    }

    private void headerTimedOut() {
        if (ex == null && !closing) {
            respondAndClose(HttpResponseStatus.REQUEST_TIMEOUT, "The request head was not received in time.");
        }
    }

    private void armIdle() {
        idle.arm(idleNanos);
    }

    private void cancelIdle() {
        idle.disarm();
    }

    private void cancelHeaderTimer() {
        headerRead.disarm();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (ex != null && ex.requestDone || !queued.isEmpty()) {
            queued.add(msg); // pipelined: waits for the current response
        } else {
            handle(msg);
        }
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest req) {
            onRequestHead(req);
            if (closing || !(msg instanceof HttpContent)) {
                ReferenceCountUtil.release(msg);
            } else {
                handleContent((HttpContent) msg);
            }
        } else if (msg instanceof HttpContent c) {
            handleContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handleContent(HttpContent c) {
        if (ex != null && !ex.requestDone) {
            ex.requestContent(c);
        } else {
            if (c.decoderResult().isFailure()) {
                respondAndClose(HttpResponseStatus.BAD_REQUEST, "Malformed request body.");
            } else if (c instanceof LastHttpContent) {
                skipBody = false;
            }
            c.release();
        }
    }

    private void onRequestHead(HttpRequest req) {
        cancelHeaderTimer();
        cancelIdle();
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException) {
                respondAndClose(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are too large.");
            } else if (cause instanceof TooLongHttpLineException) {
                respondAndClose(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is too long.");
            } else if (cause instanceof TooLongFrameException) {
                respondAndClose(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request head is too large.");
            } else {
                respondAndClose(HttpResponseStatus.BAD_REQUEST, "Malformed request: " + cause.getMessage());
            }
            return;
        }
        List<String> hosts = req.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() != 1 || hosts.get(0).isBlank()) {
            respondAndClose(HttpResponseStatus.BAD_REQUEST, hosts.isEmpty() ? "The request has no Host header." : "The request has more than one Host header.");
            return;
        }
        String host = hosts.get(0).trim();
        RouteTable table = px.routes.get();
        Route route = table.forHost(host);
        String uri = req.uri();
        String prefix = null;
        if (route == null && uri.startsWith("/apps/") && !table.isUnderAppsDomain(host) && table.servesPathFormOn(host)) {
            int slash = uri.indexOf('/', 6);
            int query = uri.indexOf('?', 6);
            int end = slash < 0 ? (query < 0 ? uri.length() : query) : (query >= 0 && query < slash ? query : slash);
            String app = uri.substring(6, end).toLowerCase(Locale.ROOT);
            route = table.forAppName(app);
            if (route != null) {
                prefix = "/apps/" + app;
                uri = uri.substring(end);
                uri = uri.isEmpty() || uri.charAt(0) != '/' ? "/" + uri : uri;
            }
        }
        boolean chunked = HttpUtil.isTransferEncodingChunked(req);
        long length = HttpUtil.getContentLength(req, 0L);
        boolean hasBody = chunked || length > 0;
        boolean last = req instanceof LastHttpContent;
        Exchange e = new Exchange(req, host, uri, route);
        if ("http".equals(proto) && px.domains.answers(host, req.uri())) {
            e.local(close -> px.domains.answer(host, req.uri(), close), "local", hasBody, last);
            return;
        }
        if (route == null) {
            if (px.edge.pathFormMetadata(table, proto, host, uri, false) != null) {
                String wellKnown = uri;
                e.local(close -> px.edge.pathFormMetadata(table, proto, host, wellKnown, close), "local", hasBody, last);
                return;
            }
            px.metrics.unrouted();
            e.local(HttpResponseStatus.NOT_FOUND, "No app is served at " + RouteTableHost.strip(host) + ".", hasBody, last);
            return;
        }
        if (answeredAtEdge(e, route, prefix, hasBody, last)) {
            return;
        }
        long maxBody = route.maxBodyBytes() != null ? route.maxBodyBytes() : px.config.maxBodyBytes();
        if (length > maxBody) {
            e.local(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + maxBody + " bytes.", true, last);
            return;
        }
        String session = req.headers().get(ForwardedHeaders.MCP_SESSION_ID);
        Backend backend = px.balancer.pick(route, session);
        if (backend == null) {
            if (!holdForWake(e, prefix, chunked, maxBody, session, hasBody, last)) {
                e.local(HttpResponseStatus.SERVICE_UNAVAILABLE, "App " + route.appName() + " has no running instance right now.", hasBody, last);
            }
            return;
        }
        e.start(backend, prefix, chunked, maxBody, session);
    }

    /**
     * Scale-to-zero hook (package wake): an autoscaled app without a live instance holds the request, its
     * body buffered and reading paused, until the wake's route reload releases it to a fresh backend, or
     * answers 503. False when the app does not autoscale.
     */
    private boolean holdForWake(Exchange e, String prefix, boolean chunked, long maxBody, String session, boolean hasBody, boolean last) {
        Wakes.Admission admission = px.wakes.hold(e.route, ctx.executor(), () -> {
            if (ex != e || e.finished) {
                return;
            }
            Route fresh = Wakes.fresh(px.routes.get(), e.host, e.route);
            Backend b = fresh == null ? null : px.balancer.pick(fresh, session);
            if (b == null) {
                e.failBeforeResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, "App " + e.route.appName() + " has no running instance right now.", "no_instance");
                return;
            }
            ctx.channel().config().setAutoRead(true);
            e.start(b, prefix, chunked, maxBody, session);
        }, reason -> {
            if (ex == e) {
                e.failBeforeResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, reason, "wake_failed");
            }
        });
        if (admission instanceof Wakes.NotAutoscaled) {
            return false;
        }
        if (admission instanceof Wakes.Held held) {
            ex = e;
            e.wakeTicket = held.ticket();
            e.maxBody = maxBody;
            e.pending = new ArrayList<>(2);
            ctx.channel().config().setAutoRead(false);
        } else {
            e.local(HttpResponseStatus.SERVICE_UNAVAILABLE, "App " + e.route.appName() + " is waking up and "
                    + Wakes.HOLD_CAPACITY + " requests already wait for it; try again shortly.", hasBody, last);
        }
        return true;
    }

    /**
     * Private apps: refuses a call without the right token, or answers the protected resource
     * metadata; otherwise replaces the token with the caller's identity and returns false.
     */
    private boolean answeredAtEdge(Exchange e, Route route, String prefix, boolean hasBody, boolean last) {
        if (px.edge.metadataFor(route, proto, e.host, prefix, e.uri, false) != null) {
            e.local(close -> px.edge.metadataFor(route, proto, e.host, prefix, e.uri, close), "local", hasBody, last);
            return true;
        }
        Decision access = px.edge.decide(route, e.request.headers(), e.request.uri(), proto, e.host, prefix);
        e.subject = access.subject();
        if (access.refused()) {
            e.local(close -> px.edge.refusal(access, proto, e.host, prefix, close), access.refusal().label, hasBody, last);
            return true;
        }
        EdgeGate.rewrite(e.request.headers(), access);
        return false;
    }

    /** For local answers and failures: an error page, then the connection closes. */
    private void respondAndClose(HttpResponseStatus status, String detail) {
        closing = true;
        cancelHeaderTimer();
        cancelIdle();
        lingeringClose(ctx.writeAndFlush(ErrorPages.page(status, detail, true)));
    }

    /**
     * Closes after a refused request without resetting the connection: a plain close with unread
     * request bytes makes the kernel send RST, and the client may lose the error response. So the
     * write side is shut first and input is discarded for a short while, as nginx's lingering close does.
     */
    private void lingeringClose(ChannelFuture lastWrite) {
        lastWrite.addListener(f -> {
            Channel ch = ctx.channel();
            if (ch instanceof io.netty.channel.socket.DuplexChannel d && ch.isActive()) {
                d.shutdownOutput();
                ctx.executor().schedule(() -> ch.close(), 2, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        });
    }

    private void exchangeFinished(boolean close) {
        ex = null;
        if (!ctx.channel().config().isAutoRead()) { // setAutoRead is an atomic swap: not on every request
            ctx.channel().config().setAutoRead(true);
        }
        if (close || closeWhenIdle) {
            closing = true;
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        while (ex == null && !closing && !queued.isEmpty()) {
            handle(queued.poll());
        }
        if (ex == null && !closing) {
            armIdle();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ex != null && ex.upstream != null) {
            ex.upstream.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ex != null && ex.upstream != null) {
            ex.upstream.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DRAIN) {
            closeWhenIdle = true;
            if (ex == null) {
                closing = true;
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
        closing = true;
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

    /** Strips a port from a Host value for messages. */
    private static final class RouteTableHost {
        static String strip(String host) {
            int colon = host.lastIndexOf(':');
            return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
        }
    }

    /** One request and its response. */
    private final class Exchange implements UpstreamListener {
        final HttpRequest request;
        final String host;
        final String uri;
        final Route route;
        final long startNanos = System.nanoTime();
        final long startMillis = System.currentTimeMillis();
        final boolean clientKeepAlive;
        Backend backend;
        Channel upstream;
        UpstreamPool pool;
        List<HttpContent> pending;
        boolean requestDone;
        boolean responseStarted;
        boolean responseDone;
        boolean informational;
        boolean upgrade;
        HttpRequest outbound;
        /** The upstream connection came from the pool, so the instance may have closed it meanwhile. */
        boolean reusedConnection;
        boolean upstreamAnswered;
        boolean retried;
        boolean upstreamKeepAlive;
        boolean closeClient;
        boolean stream;
        boolean finished;
        int status;
        long bytesIn;
        long bytesOut;
        long headerNanos = -1;
        long maxBody;
        String session;
        byte[] sniff;
        int sniffLen;
        String mcpMethod;
        String mcpName;
        /** The caller of a private app, for the access log; null for public apps. */
        String subject;
        TrafficMetrics appMetrics;
        TrafficMetrics instanceMetrics;
        /** Scale to zero: the autoscaled app's traffic counters (null otherwise) and the ticket while held for a wake. */
        AppActivity activity;
        Ticket wakeTicket;

        Exchange(HttpRequest request, String host, String uri, Route route) {
            this.request = request;
            this.host = host;
            this.uri = uri;
            this.route = route;
            this.clientKeepAlive = HttpUtil.isKeepAlive(request);
        }

        /** Answers from the router itself; with a body still coming, the connection closes after. */
        void local(HttpResponseStatus st, String detail, boolean closeAfter, boolean headWasLast) {
            local(close -> {
                FullHttpResponse page = ErrorPages.page(st, detail, close);
                if (st == HttpResponseStatus.SERVICE_UNAVAILABLE) {
                    page.headers().set(HttpHeaderNames.RETRY_AFTER, px.config.retryAfterSeconds());
                }
                return page;
            }, "local", closeAfter, headWasLast);
        }

        /** pageFor gets whether the connection closes after the answer; outcome goes to the access log. */
        void local(Function<Boolean, FullHttpResponse> pageFor, String outcome, boolean closeAfter, boolean headWasLast) {
            boolean close = closeAfter || !clientKeepAlive || closeWhenIdle;
            FullHttpResponse page = pageFor.apply(close);
            status = page.status().code();
            bytesOut = page.content().readableBytes();
            ChannelFuture f = ctx.writeAndFlush(page);
            requestDone = true;
            responseDone = true;
            record(outcome);
            if (close) {
                closing = true;
                lingeringClose(f);
            } else {
                skipBody = !headWasLast;
                armIdle();
            }
        }

        void start(Backend b, String prefix, boolean chunked, long maxBody, String session) {
            ex = this;
            this.backend = b;
            this.maxBody = maxBody;
            this.session = session;
            b.begin();
            if (route != metricsRoute || b != metricsBackend) {
                metricsRoute = route;
                metricsBackend = b;
                lastAppMetrics = px.metrics.app(route.appId(), route.appName());
                lastInstanceMetrics = px.metrics.instance(route.appId(), route.appName(), b.instanceId());
            }
            appMetrics = lastAppMetrics;
            instanceMetrics = lastInstanceMetrics;
            wakeTicket = null;
            activity = px.wakes.activity(route.appId());
            if (activity != null) {
                activity.begin();
            }
            HttpHeaders in = request.headers();
            mcpMethod = in.get(ForwardedHeaders.MCP_METHOD);
            if (mcpMethod != null) {
                mcpName = in.get(ForwardedHeaders.MCP_NAME);
            } else if (HttpMethod.POST.equals(request.method()) && isJson(in.get(HttpHeaderNames.CONTENT_TYPE))) {
                sniff = new byte[px.config.mcpSniffBytes()];
            }
            upgrade = in.contains(HttpHeaderNames.UPGRADE) && in.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
            String upgradeTo = in.get(HttpHeaderNames.UPGRADE);
            HttpHeaders out = in; // the decoded request is ours: rewritten in place rather than copied
            ForwardedHeaders.removeHopByHop(out);
            if (!host.equals(forwardedHost)) {
                forwardedHost = host;
                forwarded = ForwardedHeaders.forwardedValue(clientIp, proto, host);
            }
            ForwardedHeaders.setForwarded(out, clientIp, proto, host, prefix, forwarded);
            out.set(HttpHeaderNames.HOST, b.upstreamHost());
            if (chunked) {
                out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
            if (upgrade) {
                out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
                out.set(HttpHeaderNames.UPGRADE, upgradeTo);
            }
            outbound = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), uri, out);
            pool = px.pool(ctx.channel().eventLoop());
            Channel pooled = pool.pooled(b);
            if (pooled != null) {
                reusedConnection = true;
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
            pool.connect(b).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "App " + route.appName() + " did not accept the connection.", "connect_failed");
                } else if (finished) {
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
            if (!reusedConnection || retried || upstreamAnswered || upgrade || !replayable()) {
                return false;
            }
            retried = true;
            reusedConnection = false;
            response.disarm();
            pending = new ArrayList<>(1);
            if (requestDone) {
                pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            connectAndAttach();
            return true;
        }

        private boolean replayable() {
            HttpMethod m = request.method();
            boolean idempotent = HttpMethod.GET.equals(m) || HttpMethod.HEAD.equals(m) || HttpMethod.OPTIONS.equals(m)
                    || HttpMethod.PUT.equals(m) || HttpMethod.DELETE.equals(m) || HttpMethod.TRACE.equals(m);
            return idempotent && bytesIn == 0 && !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
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

        void requestContent(HttpContent c) {
            if (c.decoderResult().isFailure()) {
                c.release();
                failBeforeResponse(HttpResponseStatus.BAD_REQUEST, "Malformed request body.", "bad_request");
                return;
            }
            ByteBuf content = c.content();
            int n = content.readableBytes();
            bytesIn += n;
            if (bytesIn > maxBody) {
                c.release();
                failBeforeResponse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + maxBody + " bytes.", "too_large");
                return;
            }
            if (sniff != null && sniffLen < sniff.length && n > 0) {
                int copy = Math.min(n, sniff.length - sniffLen);
                content.getBytes(content.readerIndex(), sniff, sniffLen, copy);
                sniffLen += copy;
            }
            boolean last = c instanceof LastHttpContent;
            if (upstream != null) {
                upstream.write(c, upstream.voidPromise());
            } else {
                pending.add(c);
            }
            if (last) {
                requestDone = true;
                if (sniff != null) {
                    McpCallSniffer.McpCall call = McpCallSniffer.sniff(sniff, sniffLen);
                    if (call != null) {
                        mcpMethod = call.method();
                        mcpName = call.name();
                    }
                    sniff = null;
                }
                if (upstream != null) {
                    upstream.flush();
                    armResponseTimer();
                }
                if (responseDone) {
                    finish(false, "ok");
                }
            }
        }

        private void armResponseTimer() {
            if (!response.armed() && !responseStarted) {
                response.arm(responseNanos);
            }
        }

        void responseTimedOut() {
            failBeforeResponse(HttpResponseStatus.GATEWAY_TIMEOUT, "App " + route.appName() + " did not answer in time.", "timeout");
        }

        @Override
        public void upstreamMessage(HttpObject msg) {
            if (finished) {
                ReferenceCountUtil.release(msg);
                return;
            }
            upstreamAnswered = true;
            if (msg instanceof HttpResponse r) {
                responseHead(r);
            }
            if (msg instanceof HttpContent c) {
                if (informational || finished) {
                    if (c instanceof LastHttpContent) {
                        informational = false;
                    }
                    c.release();
                    return;
                }
                bytesOut += c.content().readableBytes();
                boolean last = c instanceof LastHttpContent;
                ctx.write(c, ctx.voidPromise());
                if (!ctx.channel().isWritable()) {
                    upstream.config().setAutoRead(false);
                }
                if (last) {
                    responseDone = true;
                    if (requestDone) {
                        ctx.flush();
                        finish(closeClient, "ok");
                    } else {
                        // Answered before the request body ended: the rest of the body cannot be skipped safely.
                        ctx.flush();
                        finish(true, "early_response");
                    }
                }
            }
        }

        private void responseHead(HttpResponse r) {
            if (r.decoderResult().isFailure()) {
                failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "App " + route.appName() + " sent an invalid response.", "bad_response");
                return;
            }
            cancelResponseTimer();
            int code = r.status().code();
            HttpHeaders h = r.headers();
            if (code == 101 && upgrade) {
                tunnel(r);
                return;
            }
            if (code < 200) {
                ForwardedHeaders.removeHopByHop(h);
                informational = true;
                ctx.write(r);
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            status = code;
            headerNanos = System.nanoTime() - startNanos;
            upstreamKeepAlive = HttpUtil.isKeepAlive(r);
            String issued = h.get(ForwardedHeaders.MCP_SESSION_ID);
            if (issued != null) {
                px.balancer.pin(issued, backend);
            } else if (session != null && HttpMethod.DELETE.equals(request.method()) && code < 300) {
                px.balancer.forget(session);
            }
            boolean upstreamChunked = HttpUtil.isTransferEncodingChunked(r);
            boolean hasLength = h.contains(HttpHeaderNames.CONTENT_LENGTH);
            boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
            String contentType = h.get(HttpHeaderNames.CONTENT_TYPE);
            stream = contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
            ForwardedHeaders.removeHopByHop(h);
            closeClient = !clientKeepAlive || closeWhenIdle || px.draining();
            if (!bodyless && (upstreamChunked || !hasLength)) {
                if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                    h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                } else {
                    closeClient = true; // an HTTP/1.0 client learns the end of the body from the close
                }
            }
            if (closeClient) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            responseStarted = true;
            if (stream) {
                appMetrics.streamOpened();
                instanceMetrics.streamOpened();
                if (activity != null) {
                    activity.streamOpened();
                }
            }
            ctx.write(r, ctx.voidPromise());
        }

        private void tunnel(HttpResponse r) {
            status = 101;
            headerNanos = System.nanoTime() - startNanos;
            responseStarted = true;
            stream = true;
            appMetrics.streamOpened();
            instanceMetrics.streamOpened();
            if (activity != null) {
                activity.streamOpened();
            }
            Channel client = ctx.channel();
            Channel up = upstream;
            up.pipeline().get(UpstreamHandler.class).detach();
            ctx.writeAndFlush(r);
            boolean[] done = {false};
            Runnable closed = () -> {
                if (!done[0]) {
                    done[0] = true;
                    requestDone = true;
                    responseDone = true;
                    recordAndRelease("tunnel_closed");
                }
            };
            client.pipeline().remove("bytes");
            client.pipeline().remove("codec");
            client.pipeline().replace(ClientHandler.this, "relay", new Relay(up, closed));
            up.pipeline().replace(UpstreamPool.HANDLER, "relay", new Relay(client, closed));
            up.pipeline().remove("codec");
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
            if (finished) {
                return;
            }
            upstream = null;
            if (!responseStarted && retryOnFreshConnection()) {
                return;
            }
            if (!responseStarted) {
                failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "App " + route.appName() + " closed the connection without an answer.", "upstream_closed");
            } else {
                // Cut mid-response: the client can only learn it from a closed connection.
                finish(true, "upstream_closed");
            }
        }

        void clientGone() {
            if (!finished) {
                finish(true, "client_closed");
            }
        }

        private void failBeforeResponse(HttpResponseStatus st, String detail, String outcome) {
            if (finished) {
                return;
            }
            if (!responseStarted && ctx.channel().isActive()) {
                status = st.code();
                boolean close = !requestDone || !clientKeepAlive || closeWhenIdle;
                FullHttpResponse page = ErrorPages.page(st, detail, close);
                bytesOut += page.content().readableBytes();
                ChannelFuture f = ctx.writeAndFlush(page);
                responseStarted = true;
                if (close) {
                    closing = true;
                    lingeringClose(f);
                }
                finish(close, outcome);
            } else {
                finish(true, outcome);
            }
        }

        private void cancelResponseTimer() {
            response.disarm();
        }

        /** Ends the exchange: returns or closes the upstream connection, records it, moves the client on. */
        private void finish(boolean closeClientConnection, String outcome) {
            if (finished) {
                return;
            }
            cancelResponseTimer();
            Channel up = upstream;
            if (up != null) {
                up.pipeline().get(UpstreamHandler.class).detach();
                if (requestDone && responseDone && upstreamKeepAlive && "ok".equals(outcome)) {
                    pool.release(backend, up);
                } else {
                    up.close();
                }
            }
            if (pending != null) {
                pending.forEach(ReferenceCountUtil::release);
                pending = null;
            }
            recordAndRelease(outcome);
            if (ex == this) {
                exchangeFinished(closeClientConnection);
            }
        }

        private void recordAndRelease(String outcome) {
            if (finished) {
                return;
            }
            finished = true;
            if (wakeTicket != null) {
                wakeTicket.cancel(); // held for a wake and ended before it (client gone, refused)
                wakeTicket = null;
            }
            if (backend == null) {
                record(outcome);
                return;
            }
            backend.end();
            if (activity != null) {
                activity.end();
            }
            if (stream) {
                appMetrics.streamClosed();
                instanceMetrics.streamClosed();
                if (activity != null) {
                    activity.streamClosed();
                }
            }
            record(outcome);
        }

        private void record(String outcome) {
            long nanos = System.nanoTime() - startNanos;
            int st = status == 0 ? 499 : status;
            if (route != null && appMetrics == null) {
                appMetrics = px.metrics.app(route.appId(), route.appName());
            }
            if (appMetrics != null) {
                appMetrics.completed(st, nanos, bytesIn, bytesOut);
            }
            if (instanceMetrics != null) {
                instanceMetrics.completed(st, nanos, bytesIn, bytesOut);
            }
            if (mcpMethod != null && route != null) {
                px.metrics.mcp(route.appId(), route.appName(), mcpMethod, mcpName).completed(st, nanos);
            }
            if (!px.accessLog.enabled()) {
                return;
            }
            px.accessLog.log(new AccessLog.Entry(startMillis, clientIp, host, request.method().name(), request.uri(), st,
                    route == null ? null : route.appName(), backend == null ? null : backend.instanceId(),
                    headerNanos < 0 ? -1 : headerNanos / 1000, nanos / 1000, bytesIn, bytesOut, mcpMethod, mcpName, subject, outcome));
        }

        private boolean isJson(String contentType) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        }
    }
}
