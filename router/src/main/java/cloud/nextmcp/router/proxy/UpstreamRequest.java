package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.routes.Backend;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
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
