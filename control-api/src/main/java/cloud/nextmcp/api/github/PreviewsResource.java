package cloud.nextmcp.api.github;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.github.Preview;
import cloud.nextmcp.core.github.PreviewDao;
import cloud.nextmcp.core.github.Previews;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** An app's previews: any team member lists them, Members destroy one. */
@Path("/api/v1/apps/{app}/previews")
@Produces(MediaType.APPLICATION_JSON)
public final class PreviewsResource {
    private final Jdbi jdbi;
    private final Previews previews;
    private final PublicEndpoints endpoints;
    private final Auditor auditor;
    private final Actors actors;

    public PreviewsResource(Jdbi jdbi, Previews previews, PublicEndpoints endpoints, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.previews = previews;
        this.endpoints = endpoints;
        this.auditor = auditor;
        this.actors = actors;
    }

    /** {@code app} is the preview's own app name: logs, releases and config use it. */
    public record PreviewView(String preview, String app, String url, String branch, Integer pullRequest, String commit,
                              Instant createdAt, Instant updatedAt) {
    }

    @GET
    public List<PreviewView> list(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.withHandle(h -> {
            AppScope scope = AppScope.of(h, caller, app);
            return h.attach(PreviewDao.class).ofParent(scope.appId()).stream().map(this::view).toList();
        });
    }

    @DELETE
    @Path("/{preview}")
    public Response destroy(@Auth Caller caller, @PathParam("app") String app, @PathParam("preview") String label,
                            @Context HttpServletRequest request) {
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "destroying previews");
            Preview preview = h.attach(PreviewDao.class).find(scope.appId(), label)
                    .orElseThrow(() -> ApiException.notFound("app '" + app + "' has no preview '" + label
                            + "': nextmcp previews -a " + app + " lists them"));
            previews.tearDown(h, preview, "destroyed by user " + caller.userId());
            auditor.record(h, actors.of(caller, request), "preview.destroy", app, Map.of("preview", label));
            return Response.noContent().build();
        });
    }

    private PreviewView view(Preview p) {
        return new PreviewView(p.label(), p.name(), endpoints.appUrl(p.name()), p.branch(), p.prNumber(), p.commitSha(),
                p.createdAt(), p.updatedAt());
    }
}
