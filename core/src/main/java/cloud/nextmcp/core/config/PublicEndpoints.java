package cloud.nextmcp.core.config;

/**
 * How users reach the platform from outside: the API, the git remotes and the apps. Assembled
 * once at start from the roles' configuration; every role that prints a URL uses this.
 *
 * @param apiUrl      base URL of the control API, e.g. {@code http://localhost:8000}
 * @param gitHost     host name in git remotes
 * @param gitSshPort  port of git over SSH
 * @param gitHttpUrl  base URL of git over HTTP (remotes are {@code <gitHttpUrl>/git/<app>.git})
 * @param appsDomain  apps live at {@code <app>.<appsDomain>}
 * @param routerUrl   the router's own base URL, e.g. {@code http://localhost:8080} (scheme and port of app URLs)
 */
public record PublicEndpoints(String apiUrl, String gitHost, int gitSshPort, String gitHttpUrl, String appsDomain,
                              String routerUrl) {

    public String gitSshRemote(String app) {
        return "ssh://git@" + gitHost + ":" + gitSshPort + "/" + app + ".git";
    }

    public String gitHttpRemote(String app) {
        return gitHttpUrl + "/git/" + app + ".git";
    }

    /** {@code http://<app>.<appsDomain>[:port]/}, with the router's scheme and port. */
    public String appUrl(String hostLabel) {
        java.net.URI router = java.net.URI.create(routerUrl);
        int port = router.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && "http".equals(router.getScheme()))
                || (port == 443 && "https".equals(router.getScheme()));
        return router.getScheme() + "://" + hostLabel + "." + appsDomain + (defaultPort ? "" : ":" + port) + "/";
    }
}
