package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.access.CallAuthorizer;
import cloud.nextmcp.router.access.Decision;
import cloud.nextmcp.router.access.Refusal;
import cloud.nextmcp.router.metrics.RouterMetrics;
import cloud.nextmcp.router.routes.Route;
import cloud.nextmcp.router.routes.RouteTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The edge's HTTP side of private apps: protected resource metadata (RFC 9728), refusals with
 * {@code WWW-Authenticate}, and the identity headers that replace the caller's token. The decision
 * itself is {@link CallAuthorizer}'s. Kept apart from {@link ClientHandler}, which only asks.
 */
final class EdgeGate {
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    static final AsciiString X_NEXTMCP_USER = AsciiString.cached("x-nextmcp-user");
    static final AsciiString X_NEXTMCP_TEAM = AsciiString.cached("x-nextmcp-team");
    private static final String PATH_FORM_METADATA = METADATA_PATH + "/apps/";

    private final CallAuthorizer authorizer;
    private final RouterMetrics metrics;
    private final String authorizationServer;

    /** authorizationServer: the API's public URL, listed in the metadata; null lists none. */
    EdgeGate(CallAuthorizer authorizer, RouterMetrics metrics, String authorizationServer) {
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.authorizationServer = authorizationServer;
    }

    Decision decide(Route route, HttpHeaders headers, String rawUri, String proto, String host, String prefix) {
        if (!authorizer.isPrivate(route.appId())) {
            return Decision.PUBLIC; // without building the resource supplier, a lambda per request
        }
        return authorizer.decide(route.appId(), headers.get(HttpHeaderNames.AUTHORIZATION), rawUri,
                () -> resource(proto, host, prefix));
    }

    /** See {@link CallAuthorizer#decideAgainLater}: true when the refusal waits for a fresher snapshot. */
    boolean decideAgainLater(Decision d, long arrivedNanos, Executor executor, Runnable decideAgain) {
        return authorizer.decideAgainLater(d, arrivedNanos, executor, decideAgain);
    }

    /** Counts a refusal that is sent (not one decided again later). */
    void refusalSent(Route route, Decision d) {
        metrics.refused(route.appId(), route.appName(), d.refusal().label);
    }

    /** The metadata of a private app when the (prefix-stripped) path asks for it, else null. */
    FullHttpResponse metadataFor(Route route, String proto, String host, String prefix, String uri, boolean close) {
        if (!uri.startsWith(METADATA_PATH) || !authorizer.isPrivate(route.appId())) {
            return null;
        }
        return metadata(route, proto, host, prefix, close);
    }

    /**
     * {@code /.well-known/oauth-protected-resource/apps/<app>…} on a host that is not an app's: the
     * metadata of the path form's resource (RFC 9728 inserts the well-known path before the
     * resource's path). Null when that is not the request or the app is not private.
     */
    FullHttpResponse pathFormMetadata(RouteTable table, String proto, String host, String uri, boolean close) {
        if (!uri.startsWith(PATH_FORM_METADATA)) {
            return null;
        }
        int end = uri.length();
        for (int i = PATH_FORM_METADATA.length(); i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?') {
                end = i;
                break;
            }
        }
        String app = uri.substring(PATH_FORM_METADATA.length(), end).toLowerCase(Locale.ROOT);
        Route route = table.forAppName(app);
        if (route == null || !authorizer.isPrivate(route.appId())) {
            return null;
        }
        return metadata(route, proto, host, "/apps/" + app, close);
    }

    FullHttpResponse refusal(Decision d, String proto, String host, String prefix, boolean close) {
        Refusal r = d.refusal();
        FullHttpResponse page = ErrorPages.page(HttpResponseStatus.valueOf(r.status), r.detail, close);
        StringBuilder challenge = new StringBuilder("Bearer resource_metadata=\"")
                .append(origin(proto, host)).append(METADATA_PATH).append(prefix == null ? "" : prefix)
                .append("\", scope=\"mcp\"");
        if (r.error != null) {
            challenge.append(", error=\"").append(r.error).append("\", error_description=\"").append(r.detail).append('"');
        }
        page.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge.toString());
        return page;
    }

    /**
     * Client copies of the identity headers are always dropped, so an app can trust them. For a
     * private app the token goes too (no token passthrough) and the caller's identity is set.
     */
    static void rewrite(HttpHeaders out, Decision d) {
        out.remove(X_NEXTMCP_USER);
        out.remove(X_NEXTMCP_TEAM);
        if (!d.isPrivate()) {
            return;
        }
        out.remove(HttpHeaderNames.AUTHORIZATION);
        out.set(X_NEXTMCP_USER, d.subject());
        if (d.team() != null) {
            out.set(X_NEXTMCP_TEAM, d.team());
        }
    }

    /** The app's canonical resource URL for the form the client used: its root, ending in '/'. */
    static String resource(String proto, String host, String prefix) {
        return origin(proto, host) + (prefix == null ? "" : prefix) + "/";
    }

    private FullHttpResponse metadata(Route route, String proto, String host, String prefix, boolean close) {
        StringBuilder json = new StringBuilder(256).append("{\"resource\":\"").append(json(resource(proto, host, prefix)))
                .append("\",\"authorization_servers\":[");
        if (authorizationServer != null) {
            json.append('"').append(json(authorizationServer)).append('"');
        }
        json.append("],\"scopes_supported\":[\"mcp\"],\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"")
                .append(json(route.appName())).append("\"}");
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "max-age=60");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    private static String origin(String proto, String host) {
        // The Host is the client's: quotes would break out of the header parameter and the JSON string.
        return proto + "://" + host.toLowerCase(Locale.ROOT).replace("\"", "").replace("\\", "");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
