package cloud.nextmcp.api.releases;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.QueryNumbers;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.Releases;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Releases: any member of the team reads them; Members and stronger roll back. */
@Path("/api/v1/apps/{app}/releases")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ReleasesResource {
    private static final Logger LOG = LoggerFactory.getLogger(ReleasesResource.class);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final Jdbi jdbi;
    private final Releases releases;
    private final ConfigVars configVars;
    private final Auditor auditor;
    private final Actors actors;

    public ReleasesResource(Jdbi jdbi, Releases releases, ConfigVars configVars, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.releases = releases;
        this.configVars = configVars;
        this.auditor = auditor;
        this.actors = actors;
    }

    /** Optional target; without it, the release that was live before the current one. */
    public record RollbackRequest(Integer version) {
    }

    @GET
    public List<ReleaseView> list(@Auth Caller caller, @PathParam("app") String app, @QueryParam("limit") String limit) {
        int n = QueryNumbers.bounded(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return jdbi.withHandle(h -> h.attach(ReleaseListing.class).recent(AppScope.of(h, caller, app).appId(), n)
                .stream().map(row -> ReleaseView.of(row, null)).toList());
    }

    @GET
    @Path("/{version}")
    public ReleaseView show(@Auth Caller caller, @PathParam("app") String app, @PathParam("version") String version) {
        int v = parseVersion(version);
        return jdbi.withHandle(h -> view(h, AppScope.of(h, caller, app), v));
    }

    /** A new release with an older one's artifact and config; Heroku's rollback. */
    @POST
    @Path("/rollback")
    public Response rollback(@Auth Caller caller, @PathParam("app") String app, RollbackRequest body,
                             @Context HttpServletRequest request) {
        Integer target = body == null ? null : body.version();
        if (target != null && target < 1) {
            throw ApiException.invalid("'version' must be a release version like 2 (for v2), got " + target);
        }
        // Releases#rollback joins this transaction (Jdbi reuses the thread's handle), so the audit row commits with it.
        ReleaseView created = jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "rolling back");
            if (target != null && h.attach(ReleaseDao.class).find(scope.appId(), target).isEmpty()) {
                throw notFound(app, target);
            }
            Release release;
            try {
                release = releases.rollback(scope.appId(), target, caller.userId());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(e.getMessage());
            }
            auditor.record(h, actors.of(caller, request), "release.rollback", app,
                    Map.of("release", release.version(), "description", release.description()));
            LOG.info("App {} (id {}) rolled back by user {}: {} ({})", app, scope.appId(), caller.userId(),
                    release.label(), release.description());
            return view(h, scope, release.version());
        });
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    private ReleaseView view(Handle h, AppScope scope, int version) {
        ReleaseListing.Row row = h.attach(ReleaseListing.class).find(scope.appId(), version)
                .orElseThrow(() -> notFound(scope.app().name(), version));
        Release release = h.attach(ReleaseDao.class).find(scope.appId(), version)
                .orElseThrow(() -> notFound(scope.app().name(), version));
        List<String> keys = List.copyOf(configVars.openSnapshot(scope.appId(), release.configSealed()).keySet());
        return ReleaseView.of(row, keys);
    }

    private static int parseVersion(String version) {
        String digits = version.startsWith("v") ? version.substring(1) : version;
        if (!digits.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.notFound("release '" + version + "' not found: versions are numbers like 3 (or v3)");
        }
        return Integer.parseInt(digits);
    }

    private static ApiException notFound(String app, int version) {
        return ApiException.notFound("release v" + version + " of app '" + app + "' not found");
    }
}
