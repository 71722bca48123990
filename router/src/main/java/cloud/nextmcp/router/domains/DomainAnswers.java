package cloud.nextmcp.router.domains;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the router answers itself for custom domains on plain HTTP, before routing: the ACME
 * HTTP-01 challenge ({@code /.well-known/acme-challenge/<token>}, for the host it was issued for)
 * and, for domains that asked for it and have a valid certificate, a 301 to HTTPS.
 */
public final class DomainAnswers {
    public static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

    private final Supplier<DomainSnapshot> domains;
    private final int httpsPort;
    private final Clock clock;

    /** httpsPort: the TLS listener's public port (named in redirects unless 443), or -1 when there is none. */
    public DomainAnswers(Supplier<DomainSnapshot> domains, int httpsPort, Clock clock) {
        this.domains = domains;
        this.httpsPort = httpsPort;
        this.clock = clock;
    }

    /** True when the router answers this plain-HTTP request itself (then call {@link #answer}). */
    public boolean answers(String host, String uri) {
        return decide(host, uri) != null;
    }

    /** The router's own answer to this plain-HTTP request, or null to route it as usual. */
    public FullHttpResponse answer(String host, String uri, boolean close) {
        Decision d = decide(host, uri);
        if (d == null) {
            return null;
        }
        if (d.location() == null) {
            return response(HttpResponseStatus.OK, d.body(), null, close);
        }
        return response(HttpResponseStatus.MOVED_PERMANENTLY, "Moved to " + d.location() + "\n", d.location(), close);
    }

    private record Decision(String body, String location) {
    }

    private Decision decide(String host, String uri) {
        DomainSnapshot snapshot = domains.get();
        boolean challenge = uri.startsWith(CHALLENGE_PATH);
        // Every plain request passes here: most are neither, and must not pay for a host lookup.
        if (!challenge && (httpsPort < 0 || !snapshot.redirects())) {
            return null;
        }
        String hostname = hostOnly(host);
        if (challenge) {
            String token = uri.substring(CHALLENGE_PATH.length());
            int query = token.indexOf('?');
            token = query >= 0 ? token.substring(0, query) : token;
            DomainSnapshot.Challenge c = snapshot.challenges().get(token);
            return c != null && c.hostname().equals(hostname) ? new Decision(c.keyAuthorization(), null) : null;
        }
        if (httpsPort < 0) {
            return null;
        }
        DomainSnapshot.Served served = snapshot.certificates().get(hostname);
        if (served != null && served.redirectHttp() && served.validAt(clock.instant())) {
            return new Decision(null, "https://" + hostname + (httpsPort == 443 ? "" : ":" + httpsPort) + uri);
        }
        return null;
    }

    private static FullHttpResponse response(HttpResponseStatus status, String text, String location, boolean close) {
        ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (location != null) {
            r.headers().set(HttpHeaderNames.LOCATION, location);
        }
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    static String hostOnly(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
