package cloud.nextmcp.router.routes;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names on which the path form {@code /apps/<app>/…} is served: IP literals, {@code localhost},
 * the apps domain itself and the platform's public host. Any other name is refused (404) because it can
 * only arrive through DNS rebinding: a web page whose own name resolves to the router's address would
 * otherwise reach every app of a platform running on someone's machine. Host-form names need no such
 * check: a name that is not an app's gets a 404 anyway.
 */
public final class PathFormHosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names;

    private PathFormHosts(Set<String> names) {
        this.names = names;
    }

    /** publicHost: the platform's public host name (its API and router URLs); may be null. */
    public static PathFormHosts of(String appsDomain, String publicHost) {
        Set<String> names = new HashSet<>(List.of("localhost", appsDomain.toLowerCase(Locale.ROOT)));
        if (publicHost != null && !publicHost.isBlank()) {
            names.add(publicHost.toLowerCase(Locale.ROOT));
        }
        return new PathFormHosts(Set.copyOf(names));
    }

    /** host: the Host header's name, lower-case, without port (see {@link RouteTable#hostOnly}). */
    boolean accepts(String host) {
        return host.startsWith("[") || IPV4.matcher(host).matches() || names.contains(host);
    }
}
