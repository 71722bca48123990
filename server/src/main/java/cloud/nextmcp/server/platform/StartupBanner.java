package cloud.nextmcp.server.platform;

import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.server.ServerConfiguration;
import java.io.PrintStream;
import java.util.Set;

/** What a person sees once the platform is up: where everything is and the next commands to type. */
final class StartupBanner {
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
            b.append('\n').append("Next, in another terminal:\n")
                    .append("  bin/nextmcp register\n")
                    .append("  cd your-mcp-server && bin/nextmcp apps create     # adds the 'nextmcp' git remote\n")
                    .append("  git push nextmcp main\n");
        }
        out.print(b);
        out.flush();
    }
}
