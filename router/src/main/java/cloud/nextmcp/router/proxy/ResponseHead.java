package cloud.nextmcp.router.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What a final response head from an instance means for the two connections, after its
 * hop-by-hop fields are rewritten in place for the client.
 *
 * @param upstreamKeepAlive the instance keeps its connection open after this response
 * @param closeClient       the client's connection closes after this response
 * @param stream            a server-sent event stream, counted as an open stream while it lasts
 */
record ResponseHead(boolean upstreamKeepAlive, boolean closeClient, boolean stream) {

    /** closeAnyway: the client asked to close, or the router is draining. */
    static ResponseHead relay(HttpRequest request, HttpResponse r, boolean closeAnyway) {
        HttpHeaders h = r.headers();
        int code = r.status().code();
        boolean upstreamKeepAlive = HttpUtil.isKeepAlive(r);
        boolean upstreamChunked = HttpUtil.isTransferEncodingChunked(r);
        boolean hasLength = h.contains(HttpHeaderNames.CONTENT_LENGTH);
        boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
        String contentType = h.get(HttpHeaderNames.CONTENT_TYPE);
        boolean stream = contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
        ForwardedHeaders.removeHopByHop(h);
        boolean closeClient = closeAnyway;
        boolean http11 = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
        if (!bodyless && (upstreamChunked || !hasLength)) {
            if (http11) {
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                closeClient = true; // an HTTP/1.0 client learns the end of the body from the close
            }
        }
        if (closeClient) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!http11) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return new ResponseHead(upstreamKeepAlive, closeClient, stream);
    }
}
