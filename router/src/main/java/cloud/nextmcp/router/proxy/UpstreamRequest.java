package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.routes.Backend;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** The request head an instance receives: the client's, rewritten in place (it is ours once decoded) rather than copied. */
final class UpstreamRequest {
    private UpstreamRequest() {
    }

    /** A client asking to switch protocols (WebSocket): the instance may answer 101 and the exchange becomes a tunnel. */
    static boolean isUpgrade(HttpRequest request) {
        HttpHeaders in = request.headers();
        return in.contains(HttpHeaderNames.UPGRADE) && in.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** Safe to send once more on a new connection: an idempotent method and no body (none sent, none to come). */
    static boolean replayable(HttpRequest request, long bytesIn) {
        HttpMethod m = request.method();
        boolean idempotent = HttpMethod.GET.equals(m) || HttpMethod.HEAD.equals(m) || HttpMethod.OPTIONS.equals(m)
                || HttpMethod.PUT.equals(m) || HttpMethod.DELETE.equals(m) || HttpMethod.TRACE.equals(m);
        return idempotent && bytesIn == 0 && !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
    }

    /** forwarded: the RFC 7239 value, kept per connection by the caller. */
    static HttpRequest prepare(HttpRequest request, String uri, Backend b, boolean chunked, boolean upgrade,
                               String clientIp, String proto, String host, String prefix, String forwarded) {
        HttpHeaders out = request.headers();
        String upgradeTo = upgrade ? out.get(HttpHeaderNames.UPGRADE) : null;
        ForwardedHeaders.removeHopByHop(out);
        ForwardedHeaders.setForwarded(out, clientIp, proto, host, prefix, forwarded);
        out.set(HttpHeaderNames.HOST, b.upstreamHost());
        if (chunked) {
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (upgrade) {
            out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            out.set(HttpHeaderNames.UPGRADE, upgradeTo);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), uri, out);
    }
}
