package cloud.nextmcp.api.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Redirect URI rules: exact match, except that a loopback redirect may use any port (RFC 8252 §7.3). */
final class RedirectUris {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");

    private RedirectUris() {
    }

    /** Null when acceptable for registration, else why not. */
    static String problem(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            return "redirect URI '" + uri + "' is not a URI";
        }
        if (!u.isAbsolute() || u.getRawFragment() != null) {
            return "redirect URI '" + uri + "' must be absolute and have no fragment";
        }
        if ("http".equals(u.getScheme()) && !isLoopback(u)) {
            return "redirect URI '" + uri + "' uses http on a host that is not loopback; use https";
        }
        return null;
    }

    static boolean matches(String registered, String requested) {
        if (registered.equals(requested)) {
            return true;
        }
        try {
            URI r = new URI(registered);
            URI q = new URI(requested);
            return "http".equals(r.getScheme()) && "http".equals(q.getScheme()) && isLoopback(r)
                    && r.getHost().equalsIgnoreCase(q.getHost()) && Objects.equals(r.getRawPath(), q.getRawPath())
                    && Objects.equals(r.getRawQuery(), q.getRawQuery()) && q.getRawFragment() == null && q.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLoopback(URI u) {
        return u.getHost() != null && LOOPBACK.contains(u.getHost().toLowerCase(Locale.ROOT));
    }
}
