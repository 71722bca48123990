package cloud.nextmcp.router.routes;

/**
 * What a request's host and path lead to, decided once by {@link RouteTable#resolve}. The proxy
 * switches over these cases; each has one place that answers it.
 */
public sealed interface Resolution {
    /**
     * An app with at least one live instance. {@code uri} is what the instance receives (the path
     * form's {@code /apps/<app>} removed); {@code prefix} is that removed part, or null for the host form.
     */
    record Routed(Route route, String uri, String prefix) implements Resolution {
    }

    /**
     * The app exists but no instance is live and healthy (stopped, crashed, still starting, or scaled
     * to zero). The single point where a request for an app at zero instances is decided: today the
     * proxy answers 503 with Retry-After (see the proxy's {@code NoLiveInstance} handling); a
     * wake-and-hold step plugs in there.
     */
    record NoLiveInstance(Route route, String uri, String prefix) implements Resolution {
    }

    /** No app has this host (nor, on a path-form host, this /apps/&lt;app&gt; path). */
    record Unrouted(String uri) implements Resolution {
    }
}
