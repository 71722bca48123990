package cloud.nextmcp.api.dashboard.apps;

import cloud.nextmcp.core.config.PublicEndpoints;
import java.net.URI;

/**
 * An app's MCP endpoint in the path form {@code <router>/apps/<app>/mcp}, which needs no DNS, as
 * {@code nextmcp mcp url} prints it: a {@code localhost} router becomes {@code 127.0.0.1}, the
 * address every client's resolver agrees on.
 */
public final class McpEndpoint {
    private McpEndpoint() {
    }

    public static URI of(PublicEndpoints endpoints, String app) {
        URI router = URI.create(endpoints.routerUrl());
        String host = "localhost".equalsIgnoreCase(router.getHost()) ? "127.0.0.1" : router.getHost();
        String port = router.getPort() == -1 ? "" : ":" + router.getPort();
        return URI.create(router.getScheme() + "://" + host + port + "/apps/" + app + "/mcp");
    }
}
