package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.access.Decision;
import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Resolution;
import cloud.nextmcp.router.routes.Route;
import cloud.nextmcp.router.routes.RouteTable;
import cloud.nextmcp.router.wake.Wakes;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Iterator;

/**
 * Decides what happens to a request head: refused as malformed, answered by the router (ACME
 * challenges, private apps' metadata and refusals, unknown hosts, apps without a live instance,
 * bodies too large) or proxied to the instance the balancer picks. Shared by all connections.
 */
final class Dispatcher {
    private final ProxyContext px;

    Dispatcher(ProxyContext px) {
        this.px = px;
    }

    void dispatch(ClientHandler conn, HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            malformed(conn, req.decoderResult().cause());
            return;
        }
        // An iterator rather than getAll: the list and its view cost two objects per request (JFR allocation profile).
        Iterator<String> hosts = req.headers().valueStringIterator(HttpHeaderNames.HOST);
        String first = hosts.hasNext() ? hosts.next() : null;
        if (first == null || first.isBlank() || hosts.hasNext()) {
            conn.respondAndClose(HttpResponseStatus.BAD_REQUEST, first != null && hosts.hasNext()
                    ? "The request has more than one Host header." : "The request has no Host header.");
            return;
        }
        String host = first.trim();
        String proto = conn.proto();
        RouteTable table = px.routes.get();
        Resolution resolution = table.resolve(host, req.uri());
        boolean chunked = HttpUtil.isTransferEncodingChunked(req);
        long length = HttpUtil.getContentLength(req, 0L);
        boolean hasBody = chunked || length > 0;
        boolean last = req instanceof LastHttpContent;
        if (resolution instanceof Resolution.Unrouted) {
            Exchange e = new Exchange(conn, px, req, host, req.uri(), null);
            if (acmeAnswered(e, proto, host, req, hasBody, last)) {
                return;
            }
            if (px.edge.pathFormMetadata(table, proto, host, req.uri(), false) != null) {
                e.answer(close -> px.edge.pathFormMetadata(table, proto, host, req.uri(), close), Outcome.LOCAL, hasBody, last);
                return;
            }
            e.answer(HttpResponseStatus.NOT_FOUND, "No app is served at " + stripPort(host) + ".", Outcome.UNROUTED, hasBody, last);
            return;
        }
        Route route;
        String uri;
        String prefix;
        if (resolution instanceof Resolution.Routed r) {
            route = r.route();
            uri = r.uri();
            prefix = r.prefix();
        } else {
            Resolution.NoLiveInstance n = (Resolution.NoLiveInstance) resolution;
            route = n.route();
            uri = n.uri();
            prefix = n.prefix();
        }
        Exchange e = new Exchange(conn, px, req, host, uri, route);
        if (acmeAnswered(e, proto, host, req, hasBody, last) || metadataAnswered(e, route, proto, host, prefix, uri, hasBody, last)) {
            return;
        }
        long maxBody = route.maxBodyBytes() != null ? route.maxBodyBytes() : px.config.maxBodyBytes();
        Decision access = px.edge.decide(route, req.headers(), req.uri(), proto, host, prefix);
        // Checked first so that a call that is let in allocates no second-look callback.
        if (access.refused() && px.edge.decideAgainLater(access, e.startNanos, conn.ctx().executor(),
                () -> decidedAgain(e, proto, prefix, chunked, length, maxBody))) {
            e.hold(null, maxBody);
            return;
        }
        if (refusedAtEdge(e, access, proto, prefix, hasBody, last)) {
            return;
        }
        String session = req.headers().get(ForwardedHeaders.MCP_SESSION_ID);
        if (length > maxBody) {
            e.answer(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + maxBody + " bytes.", Outcome.LOCAL, true, last);
        } else if (resolution instanceof Resolution.NoLiveInstance) {
            noLiveInstance(e, prefix, chunked, maxBody, session, hasBody, last);
        } else {
            e.start(px.balancer.pick(route, session, req.headers().get(ForwardedHeaders.LAST_EVENT_ID)), prefix, chunked, maxBody, session);
        }
    }

    /**
     * A request held while the edge waited for a fresher access snapshot (a token used the moment it
     * was created): decided again, then refused, or on as {@link #dispatch} would go, to the route as
     * it is now.
     */
    private void decidedAgain(Exchange e, String proto, String prefix, boolean chunked, long length, long maxBody) {
        if (!e.held()) {
            return; // ended meanwhile (client gone)
        }
        Decision access = px.edge.decide(e.route, e.request.headers(), e.request.uri(), proto, e.host, prefix);
        if (refusedAtEdge(e, access, proto, prefix, false, false)) {
            return;
        }
        if (length > maxBody) {
            e.answerHeld(close -> ErrorPages.page(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + maxBody + " bytes.", close), Outcome.LOCAL);
            return;
        }
        Route now = Wakes.fresh(px.routes.get(), e.host, e.route);
        if (now == null) {
            e.wakeRefused("App " + e.route.appName() + " is no longer served here.", Outcome.LOCAL);
            return;
        }
        String session = e.request.headers().get(ForwardedHeaders.MCP_SESSION_ID);
        Backend b = px.balancer.pick(now, session, e.request.headers().get(ForwardedHeaders.LAST_EVENT_ID));
        if (b == null) {
            noLiveInstance(e, prefix, chunked, maxBody, session, false, false);
        } else {
            e.start(b, prefix, chunked, maxBody, session);
        }
    }

    /**
     * The one place that decides a request for an app that exists but has no live instance (see
     * {@link Resolution.NoLiveInstance}); it comes after the private-app check and the body limit.
     * An autoscaled app's request is held while the app wakes (package wake), then proxied to the
     * instance of the route reload that released it, or answered 503; any other app's gets 503 with
     * Retry-After at once, as does one beyond the hold's capacity.
     */
    private void noLiveInstance(Exchange e, String prefix, boolean chunked, long maxBody, String session, boolean hasBody, boolean last) {
        String app = e.route.appName();
        Wakes.Admission admission = px.wakes.hold(e.route, e.conn.ctx().executor(),
                () -> released(e, prefix, chunked, maxBody, session),
                reason -> {
                    if (e.held()) {
                        e.wakeRefused(reason, Outcome.WAKE_FAILED);
                    }
                });
        if (admission instanceof Wakes.Held held) {
            e.hold(held.ticket()::cancel, maxBody);
        } else if (admission instanceof Wakes.Full) {
            unavailable(e, "App " + app + " is waking up and " + Wakes.HOLD_CAPACITY
                    + " requests already wait for it; try again shortly.", hasBody, last);
        } else {
            unavailable(e, "App " + app + " has no running instance right now.", hasBody, last);
        }
    }

    private static void unavailable(Exchange e, String detail, boolean hasBody, boolean last) {
        if (e.held()) {
            e.wakeRefused(detail, Outcome.LOCAL);
        } else {
            e.answer(HttpResponseStatus.SERVICE_UNAVAILABLE, detail, Outcome.LOCAL, hasBody, last);
        }
    }

    /** A held request after the wake: to an instance of the route as the reload that released it shows it. */
    private void released(Exchange e, String prefix, boolean chunked, long maxBody, String session) {
        if (!e.held()) {
            return; // ended meanwhile (client gone)
        }
        Route fresh = Wakes.fresh(px.routes.get(), e.host, e.route);
        Backend b = fresh == null ? null : px.balancer.pick(fresh, session, e.request.headers().get(ForwardedHeaders.LAST_EVENT_ID));
        if (b == null) {
            e.wakeRefused("App " + e.route.appName() + " has no running instance right now.", Outcome.LOCAL);
            return;
        }
        e.start(b, prefix, chunked, maxBody, session);
    }

    /** ACME HTTP-01 challenges and the redirect of verified custom domains to HTTPS, on the plain port only. */
    private boolean acmeAnswered(Exchange e, String proto, String host, HttpRequest req, boolean hasBody, boolean last) {
        if (!"http".equals(proto) || !px.domains.answers(host, req.uri())) {
            return false;
        }
        e.answer(close -> px.domains.answer(host, req.uri(), close), Outcome.LOCAL, hasBody, last);
        return true;
    }

    /** Private apps: answers the protected resource metadata. */
    private boolean metadataAnswered(Exchange e, Route route, String proto, String host, String prefix, String uri, boolean hasBody, boolean last) {
        if (px.edge.metadataFor(route, proto, host, prefix, uri, false) == null) {
            return false;
        }
        e.answer(close -> px.edge.metadataFor(route, proto, host, prefix, uri, close), Outcome.LOCAL, hasBody, last);
        return true;
    }

    /**
     * Private apps: refuses a call without the right token; otherwise replaces the token with the
     * caller's identity and returns false.
     */
    private boolean refusedAtEdge(Exchange e, Decision access, String proto, String prefix, boolean hasBody, boolean last) {
        e.subject(access.subject());
        if (!access.refused()) {
            EdgeGate.rewrite(e.request.headers(), access);
            return false;
        }
        px.edge.refusalSent(e.route, access);
        e.refused(access.refusal());
        if (e.held()) {
            e.answerHeld(close -> px.edge.refusal(access, proto, e.host, prefix, close), Outcome.REFUSED);
        } else {
            e.answer(close -> px.edge.refusal(access, proto, e.host, prefix, close), Outcome.REFUSED, hasBody, last);
        }
        return true;
    }

    private static void malformed(ClientHandler conn, Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            conn.respondAndClose(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are too large.");
        } else if (cause instanceof TooLongHttpLineException) {
            conn.respondAndClose(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is too long.");
        } else if (cause instanceof TooLongFrameException) {
            conn.respondAndClose(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request head is too large.");
        } else {
            conn.respondAndClose(HttpResponseStatus.BAD_REQUEST, "Malformed request: " + cause.getMessage());
        }
    }

    /** Strips a port from a Host value for messages. */
    private static String stripPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }
}
