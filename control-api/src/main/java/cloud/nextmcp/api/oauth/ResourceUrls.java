package cloud.nextmcp.api.oauth;

import cloud.nextmcp.core.config.PublicEndpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Maps an RFC 8707 {@code resource} to the app it names. Canonical resource URLs are an app's
 * root, ending in '/': {@code http://<app>.<appsDomain>[:port]/} for the host form, and
 * {@code http://<host>[:port]/apps/<app>/} for the path form (on the router's host or loopback).
 * A trailing '/' may be left out; the canonical form is what tokens carry as audience.
 */
final class ResourceUrls {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    /** The resource in canonical form and its app. */
    record Target(String resource, String app) {
    }

    private final String appsDomainSuffix;
    private final String routerHost;

    ResourceUrls(PublicEndpoints endpoints) {
        this.appsDomainSuffix = "." + endpoints.appsDomain().toLowerCase(Locale.ROOT);
        this.routerHost = URI.create(endpoints.routerUrl()).getHost().toLowerCase(Locale.ROOT);
    }

    /** Null when the value is not one of the platform's app URLs. */
    Target parse(String resource) {
        if (resource == null || resource.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(resource.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (host.endsWith(appsDomainSuffix) && path.equals("/")) {
            String label = host.substring(0, host.length() - appsDomainSuffix.length());
            return label.contains(".") ? null : new Target(origin + "/", label);
        }
        if ((host.equals(routerHost) || LOOPBACK.contains(host)) && path.startsWith("/apps/")) {
            String app = path.substring(6);
            app = app.endsWith("/") ? app.substring(0, app.length() - 1) : app;
            return app.isEmpty() || app.contains("/") ? null : new Target(origin + "/apps/" + app + "/", app);
        }
        return null;
    }
}
