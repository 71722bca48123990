package cloud.nextmcp.api.runtime;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.autoscale.AutoscaleSettingsDao;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.instances.InstanceDao;
import cloud.nextmcp.core.releases.Formation;
import cloud.nextmcp.core.releases.FormationDao;
import cloud.nextmcp.core.releases.Releases;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running side of an app: its instances (any member reads), how many run and restarts
 * (Member+). Changes only write the desired state; the runtime reconciles to it.
 */
// Same root path as AppsResource (Jersey merges them); a root of /api/v1/apps/{app} would shadow GET /apps/{app}.
@Path("/api/v1/apps")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ProcessesResource {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessesResource.class);
    /** Per process type; a single node runs every instance, so a typo like 100 must not start 100 processes. */
    public static final int MAX_QUANTITY = 10;

    private final Jdbi jdbi;
    private final Releases releases;
    private final Auditor auditor;
    private final Actors actors;
    private final Entitlements entitlements;

    public ProcessesResource(Jdbi jdbi, Releases releases, Auditor auditor, Actors actors,
                             Entitlements entitlements) {
        this.jdbi = jdbi;
        this.releases = releases;
        this.auditor = auditor;
        this.actors = actors;
        this.entitlements = entitlements;
    }

    public record ScaleRequest(Integer quantity) {
    }

    public record FormationView(String type, int quantity) {
    }

    @GET
    @Path("/{app}/ps")
    public List<InstanceView> ps(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.withHandle(h -> Instances.views(h.attach(InstanceDao.class).ofApp(AppScope.of(h, caller, app).appId())));
    }

    @PUT
    @Path("/{app}/formation/{type}")
    public FormationView scale(@Auth Caller caller, @PathParam("app") String app, @PathParam("type") String type,
                               ScaleRequest body, @Context HttpServletRequest request) {
        Integer quantity = Require.body(body, "{\"quantity\": 2}").quantity();
        if (quantity == null) {
            throw ApiException.invalid("'quantity' is required");
        }
        if (!Formation.WEB.equals(type)) {
            throw ApiException.invalid("unknown process type '" + type + "': only 'web' is supported");
        }
        if (quantity < 0 || quantity > MAX_QUANTITY) {
            throw ApiException.invalid("'quantity' must be between 0 and " + MAX_QUANTITY + ", got " + quantity);
        }
        jdbi.useTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "scaling");
            h.attach(AutoscaleSettingsDao.class).find(scope.appId()).ifPresent(s -> {
                // A fixed count and the autoscaler would fight; the user says which one decides.
                throw ApiException.conflict("App " + app + " autoscales web between " + s.minInstances() + " and "
                        + s.maxInstances() + ": change that with 'nextmcp autoscale --min N --max M', or run "
                        + "'nextmcp autoscale off' first to set a fixed count");
            });
            // Scaling down is always allowed, also above a lowered plan's limit: only growing is checked.
            if (quantity > h.attach(FormationDao.class).web(scope.appId()).quantity()) {
                entitlements.requireInstances(h, scope.appId(), quantity);
            }
            releases.scale(scope.appId(), type, quantity);
            auditor.record(h, actors.of(caller, request), "formation.scale", app, Map.of("type", type, "quantity", quantity));
            LOG.info("App {} (id {}) scaled to {}={} by user {}", app, scope.appId(), type, quantity, caller.userId());
        });
        return new FormationView(type, quantity);
    }

    /** 202: the runtime replaces the instances one by one, after this answer. */
    @POST
    @Path("/{app}/restart")
    public Response restart(@Auth Caller caller, @PathParam("app") String app, @Context HttpServletRequest request) {
        jdbi.useTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "restarting");
            releases.restart(scope.appId());
            auditor.record(h, actors.of(caller, request), "app.restart", app, Map.of("appId", scope.appId()));
            LOG.info("App {} (id {}) restart requested by user {}", app, scope.appId(), caller.userId());
        });
        return Response.accepted().build();
    }
}
