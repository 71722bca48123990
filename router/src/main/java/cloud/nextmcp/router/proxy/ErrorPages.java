package cloud.nextmcp.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The router's own small answers: unknown host, no healthy instance, upstream failures, bad requests. */
final class ErrorPages {
    private ErrorPages() {
    }

    static FullHttpResponse page(HttpResponseStatus status, String detail, boolean close) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + status.code() + " " + status.reasonPhrase()
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + status.code() + " "
                + status.reasonPhrase() + "</h1><p>" + escape(detail) + "</p><hr><p>NextMCP Cloud router</p></body></html>\n";
        ByteBuf body = Unpooled.copiedBuffer(html, StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    /** The same, a 503 with Retry-After: the condition is expected to pass (no instance yet, a wake under way). */
    static FullHttpResponse page(HttpResponseStatus status, String detail, boolean close, int retryAfterSeconds) {
        FullHttpResponse r = page(status, detail, close);
        if (status == HttpResponseStatus.SERVICE_UNAVAILABLE) {
            r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        return r;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
