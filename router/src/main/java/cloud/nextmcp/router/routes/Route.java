package cloud.nextmcp.router.routes;

import java.util.List;

/**
 * What one host name leads to: an app, the release that serves it, and that release's healthy
 * web instances (possibly none: the router then answers 503).
 */
public record Route(String hostname, long appId, String appName, String kind, Integer releaseVersion,
                    Long maxBodyBytes, List<Backend> backends) {
    public Route {
        backends = List.copyOf(backends);
    }
}
