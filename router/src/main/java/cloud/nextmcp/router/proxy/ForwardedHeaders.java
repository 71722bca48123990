package cloud.nextmcp.router.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** RFC 9110 header rules for a proxy: drop hop-by-hop fields (and those named in Connection), set X-Forwarded-* and Forwarded. */
final class ForwardedHeaders {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PREFIX = AsciiString.cached("x-forwarded-prefix");
    static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    static final AsciiString MCP_SESSION_ID = AsciiString.cached("mcp-session-id");
    static final AsciiString MCP_METHOD = AsciiString.cached("mcp-method");
    static final AsciiString MCP_NAME = AsciiString.cached("mcp-name");
    static final AsciiString LAST_EVENT_ID = AsciiString.cached("last-event-id");

    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            AsciiString.cached("proxy-connection"), HttpHeaderNames.TE, HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.UPGRADE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TRAILER);
    private static final Set<AsciiString> CLIENT_FORWARDING = Set.of(X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST,
            X_FORWARDED_PREFIX, FORWARDED);

    private ForwardedHeaders() {
    }

    /**
     * Removes hop-by-hop fields in place. Transfer-Encoding is removed too: the encoder on the other
     * side re-adds chunked framing when the caller marks the message chunked.
     */
    static void removeHopByHop(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            removeFixed(headers);
            return;
        }
        // An iterator rather than getAll: the list and its view cost two objects per response (JFR allocation profile).
        Iterator<String> connections = headers.valueStringIterator(HttpHeaderNames.CONNECTION);
        List<String> named = null;
        while (connections.hasNext()) {
            String connection = connections.next();
            if (named == null && !connections.hasNext()) {
                removeNamedIn(headers, connection);
                break;
            }
            if (named == null) {
                named = new ArrayList<>(2);
            }
            named.add(connection);
        }
        if (named != null) {
            named.forEach(c -> removeNamedIn(headers, c));
        }
        removeFixed(headers);
    }

    /**
     * Removes the fields a Connection value names. Scanned by hand: nearly every response says
     * "keep-alive" (removed with the fixed set anyway), and splitting it cost a list and strings per request.
     */
    private static void removeNamedIn(HttpHeaders headers, String connection) {
        int start = 0;
        while (start <= connection.length()) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? connection.length() : comma;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(connection.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(connection.charAt(to - 1))) {
                to--;
            }
            if (to > from && !isKeepAlive(connection, from, to)) {
                headers.remove(connection.substring(from, to));
            }
            start = end + 1;
        }
    }

    private static boolean isKeepAlive(String s, int from, int to) {
        return to - from == 10 && s.regionMatches(true, from, "keep-alive", 0, 10);
    }

    private static void removeFixed(HttpHeaders headers) {
        for (AsciiString name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    /** Drops forwarding fields a client sent (they cannot be trusted) and sets ours. */
    static void setForwarded(HttpHeaders headers, String clientIp, String proto, String host, String prefix, String forwarded) {
        for (AsciiString name : CLIENT_FORWARDING) {
            headers.remove(name);
        }
        headers.set(X_FORWARDED_FOR, clientIp);
        headers.set(X_FORWARDED_PROTO, proto);
        headers.set(X_FORWARDED_HOST, host);
        if (prefix != null) {
            headers.set(X_FORWARDED_PREFIX, prefix);
        }
        headers.set(FORWARDED, forwarded);
    }

    /** The RFC 7239 Forwarded value; callers keep it per connection, as it rarely changes between requests. */
    static String forwardedValue(String clientIp, String proto, String host) {
        String forNode = clientIp.indexOf(':') >= 0 ? "\"[" + clientIp + "]\"" : clientIp;
        return "for=" + forNode + ";host=\"" + host.replace("\"", "") + "\";proto=" + proto;
    }
}
