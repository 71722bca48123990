package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.metrics.McpCallSniffer;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;

/**
 * Learns which MCP call a request makes, for metrics and the access log. A POSTed JSON body is
 * read (a bounded copy of its start; the proxied bytes are never held or changed) and its JSON-RPC
 * {@code method} and {@code params.name} win: the {@code Mcp-Method}/{@code Mcp-Name} headers of
 * the 2026-07-28 protocol are the client's claim and could mislabel the call. The headers count
 * when no body is read (GET, DELETE, non-JSON) or the body names no call.
 */
final class McpCallCapture {
    private byte[] sniff;
    private int sniffLen;
    private String method;
    private String name;

    private McpCallCapture(String method, String name, byte[] sniff) {
        this.method = method;
        this.name = name;
        this.sniff = sniff;
    }

    /**
     * Null when the request names no call in its headers and has no JSON body to read (most
     * requests of a benchmark, none of an MCP client's POSTs). The copy goes to the connection's
     * sniff buffer, reused by its requests one after another.
     */
    static McpCallCapture of(HttpRequest request, ClientHandler conn) {
        HttpHeaders in = request.headers();
        String method = in.get(ForwardedHeaders.MCP_METHOD);
        String name = method == null ? null : in.get(ForwardedHeaders.MCP_NAME);
        boolean json = HttpMethod.POST.equals(request.method()) && isJson(in.get(HttpHeaderNames.CONTENT_TYPE));
        return method == null && !json ? null : new McpCallCapture(method, name, json ? conn.sniffBuffer() : null);
    }

    /** Copies what the bounded prefix still has room for. */
    void body(ByteBuf content) {
        int n = content.readableBytes();
        if (sniff != null && sniffLen < sniff.length && n > 0) {
            int copy = Math.min(n, sniff.length - sniffLen);
            content.getBytes(content.readerIndex(), sniff, sniffLen, copy);
            sniffLen += copy;
        }
    }

    /** The body ended: parses the prefix once. */
    void bodyDone() {
        if (sniff != null) {
            McpCallSniffer.McpCall call = McpCallSniffer.sniff(sniff, sniffLen);
            if (call != null) {
                method = call.method();
                name = call.name();
            }
            sniff = null;
        }
    }

    String method() {
        return method;
    }

    String name() {
        return name;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
