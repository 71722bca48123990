package cloud.nextmcp.api.autoscale;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.autoscale.AutoscaleSettings;
import cloud.nextmcp.core.autoscale.AutoscaleSettingsDao;
import cloud.nextmcp.core.autoscale.AutoscaleStateDao;
import cloud.nextmcp.core.autoscale.Autoscaling;
import cloud.nextmcp.core.billing.Entitlements;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autoscaling of an app's web instances between min and max on in-flight requests, to zero when idle
 * (any member reads; Member+ changes). Changes write the settings; the runtime's autoscaler and the
 * routers act on them.
 */
// Same root path as AppsResource (Jersey merges them); a root of /api/v1/apps/{app} would shadow GET /apps/{app}.
@Path("/api/v1/apps")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class AutoscaleResource {
    private static final Logger LOG = LoggerFactory.getLogger(AutoscaleResource.class);

    private final Jdbi jdbi;
    private final Autoscaling autoscaling;
    private final Auditor auditor;
    private final Actors actors;
    private final Entitlements entitlements;

    public AutoscaleResource(Jdbi jdbi, Autoscaling autoscaling, Auditor auditor, Actors actors, Entitlements entitlements) {
        this.jdbi = jdbi;
        this.autoscaling = autoscaling;
        this.auditor = auditor;
        this.actors = actors;
        this.entitlements = entitlements;
    }

    /** Omitted fields keep their current value, or take the default (idle 300 s, concurrency 20) when autoscaling was off. */
    public record AutoscaleRequest(Integer min, Integer max, Integer idleSeconds, Integer concurrency) {
    }

    @GET
    @Path("/{app}/autoscale")
    public AutoscaleView show(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.inTransaction(h -> view(h, AppScope.of(h, caller, app).appId()));
    }

    @PUT
    @Path("/{app}/autoscale")
    public AutoscaleView put(@Auth Caller caller, @PathParam("app") String app, AutoscaleRequest body,
                             @Context HttpServletRequest request) {
        AutoscaleRequest req = Require.body(body, "{\"min\": 0, \"max\": 3, \"idleSeconds\": 300, \"concurrency\": 20}");
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "autoscaling");
            AutoscaleSettings before = h.attach(AutoscaleSettingsDao.class).find(scope.appId()).orElse(null);
            Integer min = req.min() != null ? req.min() : before == null ? null : before.minInstances();
            Integer max = req.max() != null ? req.max() : before == null ? null : before.maxInstances();
            if (min == null || max == null) {
                throw ApiException.invalid("'min' and 'max' are required to turn autoscaling on");
            }
            int idle = req.idleSeconds() != null ? req.idleSeconds()
                    : before == null ? AutoscaleSettings.DEFAULT_IDLE_SECONDS : before.idleSeconds();
            int concurrency = req.concurrency() != null ? req.concurrency()
                    : before == null ? AutoscaleSettings.DEFAULT_TARGET_CONCURRENCY : before.targetConcurrency();
            // As for scale: only what may grow is checked against the plan.
            if (max > 0 && (before == null || max > before.maxInstances())) {
                entitlements.requireInstances(h, scope.appId(), max);
            }
            AutoscaleSettings s;
            try {
                s = autoscaling.put(h, scope.appId(), min, max, idle, concurrency);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(e.getMessage());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("min", min);
            details.put("max", max);
            details.put("idleSeconds", idle);
            details.put("concurrency", concurrency);
            auditor.record(h, actors.of(caller, request), "autoscale.set", app, details);
            LOG.info("App {} (id {}) autoscales web {}..{} (idle {} s, concurrency {}), set by user {}", app, scope.appId(),
                    s.minInstances(), s.maxInstances(), s.idleSeconds(), s.targetConcurrency(), caller.userId());
            return view(h, scope.appId());
        });
    }

    /** Back to the formation's fixed count (what {@code scale} set, one web instance by default). */
    @DELETE
    @Path("/{app}/autoscale")
    public AutoscaleView off(@Auth Caller caller, @PathParam("app") String app, @Context HttpServletRequest request) {
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "autoscaling");
            if (autoscaling.off(h, scope.appId())) {
                auditor.record(h, actors.of(caller, request), "autoscale.off", app, Map.of("appId", scope.appId()));
                LOG.info("App {} (id {}) autoscaling turned off by user {}", app, scope.appId(), caller.userId());
            }
            return AutoscaleView.OFF;
        });
    }

    static AutoscaleView view(Handle h, long appId) {
        return h.attach(AutoscaleSettingsDao.class).find(appId)
                .map(s -> AutoscaleView.of(s, h.attach(AutoscaleStateDao.class).find(appId).orElse(null)))
                .orElse(AutoscaleView.OFF);
    }
}
