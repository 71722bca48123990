package cloud.nextmcp.server.platform;

import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.server.ServerConfiguration;
import java.io.PrintStream;
import java.util.Set;

/** What a person sees once the platform is up: where everything is and the next commands to type. */
final class StartupBanner {
    /** Where the CLI looks for the API when given no --api, NEXTMCP_API_URL or saved login. */
    static final String CLI_DEFAULT_API_URL = "http://localhost:8000";

    private final Set<RoleName> roles;
    private final DataDirectory data;
    private final PublicEndpoints endpoints;
    private final Roles started;

    StartupBanner(ServerConfiguration config, DataDirectory data, PublicEndpoints endpoints, Roles started) {
        this.roles = config.roles();
        this.data = data;
        this.endpoints = endpoints;
        this.started = started;
    }

    void print(PrintStream out) {
        StringBuilder b = new StringBuilder();
        b.append('\n').append("NextMCP is running (roles: ").append(roles.stream().map(RoleName::configName).toList()).append(")\n");
        if (roles.contains(RoleName.API)) {
            b.append("  Dashboard    ").append(endpoints.apiUrl()).append("/\n");
            b.append("  API          ").append(endpoints.apiUrl()).append("/api/v1\n");
        }
        if (roles.contains(RoleName.GIT)) {
            b.append("  Git (SSH)    ").append(endpoints.gitSshRemote("<app>"))
                    .append("   host key ").append(started.sshHostKeyFingerprint()).append('\n');
            b.append("  Git (HTTP)   ").append(endpoints.gitHttpRemote("<app>")).append('\n');
        }
        if (roles.contains(RoleName.ROUTER)) {
            b.append("  Apps         ").append(endpoints.appUrl("<app>"))
                    .append("   (no DNS needed: ").append(endpoints.routerUrl()).append("/apps/<app>/)\n");
        }
        b.append("  Data         ").append(data.root()).append('\n');
        if (roles.contains(RoleName.API)) {
            b.append('\n').append(nextSteps(endpoints.apiUrl()));
        }
        out.print(b);
        out.flush();
    }

    /**
     * The commands to type next. The CLI goes to {@link #CLI_DEFAULT_API_URL} unless told otherwise, so
     * an API anywhere else is named on the first command (register saves it for the ones after).
     */
    static String nextSteps(String apiUrl) {
        String register = CLI_DEFAULT_API_URL.equals(apiUrl) ? "  bin/nextmcp register\n"
                : "  bin/nextmcp register --api " + apiUrl + "     # or: export NEXTMCP_API_URL=" + apiUrl + "\n";
        return "Next, in another terminal:\n" + register
                + "  cd your-mcp-server && bin/nextmcp apps create     # adds the 'nextmcp' git remote\n"
                + "  git push nextmcp main\n";
    }
}
