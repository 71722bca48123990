package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.PathSegment;
import cloud.nextmcp.cli.output.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URLs of an app's MCP endpoint, from the platform's {@code /api/v1/info}: the path form
 * {@code <routerUrl>/apps/<app><path>}, which needs no DNS set-up, and the host form
 * {@code <scheme>://<app>.<appsDomain>[:port]<path>}.
 */
public final class McpUrls {

    private final URI routerUrl;
    private final String appsDomain;

    public McpUrls(URI routerUrl, String appsDomain) {
        this.routerUrl = routerUrl;
        this.appsDomain = appsDomain;
    }

    /** Reads {@code routerUrl} and {@code appsDomain} from the info answer of the API at {@code apiUrl}. */
    public static McpUrls fromInfo(JsonNode info, URI apiUrl) {
        String router = Json.text(info, "routerUrl");
        if (router.isBlank()) {
            throw new CliException("the NextMCP API at " + apiUrl + " does not say where its router is "
                    + "(no routerUrl in /api/v1/info)");
        }
        try {
            URI uri = new URI(router.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(router, "no scheme or host");
            }
            return new McpUrls(uri, Json.text(info, "appsDomain"));
        } catch (URISyntaxException e) {
            throw new CliException("the NextMCP API at " + apiUrl + " gives an invalid routerUrl '" + router + "'", e);
        }
    }

    /**
     * {@code <routerUrl>/apps/<app><path>}. A {@code localhost} router becomes {@code 127.0.0.1}:
     * the address every resolver agrees on, whatever the client's language.
     */
    public URI pathForm(String app, String path) {
        String host = "localhost".equalsIgnoreCase(routerUrl.getHost()) ? "127.0.0.1" : routerUrl.getHost();
        String base = routerUrl.getPath() == null ? "" : routerUrl.getPath().replaceAll("/+$", "");
        return URI.create(routerUrl.getScheme() + "://" + host + port() + base + "/apps/" + PathSegment.encode(app)
                + path);
    }

    /** {@code <scheme>://<app>.<appsDomain>[:port]<path>}: needs DNS (or a hosts entry) for the app's host name. */
    public URI hostForm(String app, String path) {
        if (appsDomain.isBlank()) {
            throw new CliException("the NextMCP API does not say its apps domain (no appsDomain in /api/v1/info)");
        }
        return URI.create(routerUrl.getScheme() + "://" + app + "." + appsDomain + port() + path);
    }

    private String port() {
        int port = routerUrl.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && "http".equals(routerUrl.getScheme()))
                || (port == 443 && "https".equals(routerUrl.getScheme()));
        return defaultPort ? "" : ":" + port;
    }
}
