package cloud.nextmcp.router.routes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable snapshot of the route table. Lookups are plain map reads, so the request path
 * never waits on the database.
 */
public final class RouteTable {
    public static final RouteTable EMPTY = new RouteTable("localhost", List.of());

    private final String appsDomainSuffix;
    private final PathFormHosts pathFormHosts;
    /** Production and preview routes by their label under the apps domain. */
    private final Map<String, Route> byLabel = new HashMap<>();
    /** Custom-domain routes by full host name. */
    private final Map<String, Route> byCustomHost = new HashMap<>();
    /** Production and preview routes by app name (a preview's app name is its label), for the path form /apps/&lt;app&gt;/…. */
    private final Map<String, Route> productionByApp = new HashMap<>();
    private final Map<String, Backend> backendsById = new HashMap<>();

    public RouteTable(String appsDomain, List<Route> routes) {
        this(appsDomain, PathFormHosts.of(appsDomain, null), routes);
    }

    public RouteTable(String appsDomain, PathFormHosts pathFormHosts, List<Route> routes) {
        this.appsDomainSuffix = "." + appsDomain;
        this.pathFormHosts = pathFormHosts;
        for (Route r : routes) {
            if ("custom".equals(r.kind())) {
                byCustomHost.put(r.hostname(), r);
            } else {
                byLabel.put(r.hostname(), r);
                if ("production".equals(r.kind()) || "preview".equals(r.kind())) {
                    productionByApp.putIfAbsent(r.appName(), r);
                }
            }
            r.backends().forEach(b -> backendsById.put(b.instanceId(), b));
        }
    }

    /**
     * Routes a request: the host form ({@code <label>.<apps-domain>} or a custom domain) first, then,
     * on a host that may serve it (see {@link PathFormHosts}), the path form {@code /apps/<app>/…}.
     */
    public Resolution resolve(String hostHeader, String uri) {
        Route route = forHost(hostHeader);
        if (route != null) {
            return resolved(route, uri, null);
        }
        if (uri.startsWith("/apps/") && !isUnderAppsDomain(hostHeader) && servesPathFormOn(hostHeader)) {
            int slash = uri.indexOf('/', 6);
            int query = uri.indexOf('?', 6);
            int end = slash < 0 ? (query < 0 ? uri.length() : query) : (query >= 0 && query < slash ? query : slash);
            String app = uri.substring(6, end).toLowerCase(Locale.ROOT);
            route = forAppName(app);
            if (route != null) {
                String rest = uri.substring(end);
                return resolved(route, rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest, "/apps/" + app);
            }
        }
        return new Resolution.Unrouted(uri);
    }

    private static Resolution resolved(Route route, String uri, String prefix) {
        return route.backends().isEmpty() ? new Resolution.NoLiveInstance(route, uri, prefix) : new Resolution.Routed(route, uri, prefix);
    }

    /** The route for a Host header value (port and trailing dot ignored), or null. */
    public Route forHost(String hostHeader) {
        String host = hostOnly(hostHeader);
        if (host.endsWith(appsDomainSuffix)) {
            Route r = byLabel.get(host.substring(0, host.length() - appsDomainSuffix.length()));
            if (r != null) {
                return r;
            }
        }
        return byCustomHost.get(host);
    }

    /** True when the host is a name under the apps domain, whether or not an app has it. */
    public boolean isUnderAppsDomain(String hostHeader) {
        return hostOnly(hostHeader).endsWith(appsDomainSuffix);
    }

    /** True when the path form /apps/&lt;app&gt;/… may be served for this Host header value. */
    public boolean servesPathFormOn(String hostHeader) {
        return pathFormHosts.accepts(hostOnly(hostHeader));
    }

    /** The production route of an app (or a preview, by its name {@code pr-7--app}) by name, or null. */
    public Route forAppName(String appName) {
        return productionByApp.get(appName);
    }

    public Backend backend(String instanceId) {
        return backendsById.get(instanceId);
    }

    public Map<String, Backend> backendsById() {
        return Map.copyOf(backendsById);
    }

    public int size() {
        return byLabel.size() + byCustomHost.size();
    }

    static String hostOnly(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
