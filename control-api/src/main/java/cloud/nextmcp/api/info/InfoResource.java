package cloud.nextmcp.api.info;

import cloud.nextmcp.core.config.PublicEndpoints;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What a client needs to know before signing in: the version and where git and the apps are. */
@Path("/api/v1/info")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {
    private final Info info;

    public record Info(String version, String appsDomain, String routerUrl, String gitSsh, String gitHttp) {
    }

    public InfoResource(String version, PublicEndpoints endpoints) {
        this.info = new Info(version, endpoints.appsDomain(), endpoints.routerUrl(),
                "ssh://git@" + endpoints.gitHost() + ":" + endpoints.gitSshPort(), endpoints.gitHttpUrl());
    }

    @GET
    public Info info() {
        return info;
    }
}
