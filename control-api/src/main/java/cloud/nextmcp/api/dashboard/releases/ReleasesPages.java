package cloud.nextmcp.api.dashboard.releases;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.autoscale.AutoscaleResource;
import cloud.nextmcp.api.config.ConfigResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.releases.ReleasesResource;
import cloud.nextmcp.api.runtime.ProcessesResource;
import cloud.nextmcp.core.accounts.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Releases with rollback, config vars (each change a new release), scale, autoscaling and restart. Each action
 * is the API resource's method, so the role checks, the audit log and the NOTIFY are the API's.
 */
@Path("/apps/{app}/releases")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class ReleasesPages {
    private static final String SHOWN = "20";

    private final AppsResource apps;
    private final ReleasesResource releases;
    private final ConfigResource config;
    private final ProcessesResource processes;
    private final AutoscaleResource autoscale;

    public ReleasesPages(AppsResource apps, ReleasesResource releases, ConfigResource config, ProcessesResource processes,
                         AutoscaleResource autoscale) {
        this.apps = apps;
        this.releases = releases;
        this.config = config;
        this.processes = processes;
        this.autoscale = autoscale;
    }

    @GET
    public Response page(@PathParam("app") String name, @QueryParam("notice") String notice,
                         @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        return Page.show(session, notice, () -> page(session, name));
    }

    @POST
    @Path("/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@PathParam("app") String name, @FormParam("version") Integer version,
                             @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "rolled-back",
                () -> releases.rollback(DashboardSession.of(context).caller(), name,
                        new ReleasesResource.RollbackRequest(version), request));
    }

    @POST
    @Path("/config")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setConfig(@PathParam("app") String name, @FormParam("key") String key, @FormParam("value") String value,
                              @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        Map<String, String> change = new HashMap<>();
        change.put(key == null ? "" : key.strip(), value == null ? "" : value);
        return act(context, name, "config-set",
                () -> config.change(DashboardSession.of(context).caller(), name, change, request));
    }

    @POST
    @Path("/config/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeConfig(@PathParam("app") String name, @FormParam("key") String key,
                                 @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        Map<String, String> change = new HashMap<>();
        change.put(key == null ? "" : key, null);
        return act(context, name, "config-removed",
                () -> config.change(DashboardSession.of(context).caller(), name, change, request));
    }

    @POST
    @Path("/scale")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response scale(@PathParam("app") String name, @FormParam("quantity") Integer quantity,
                          @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "scaled", () -> processes.scale(DashboardSession.of(context).caller(), name, "web",
                new ProcessesResource.ScaleRequest(quantity), request));
    }

    /** An empty field keeps the current value (or the API's default when autoscaling was off). */
    @POST
    @Path("/autoscale")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response autoscale(@PathParam("app") String name, @FormParam("min") Integer min, @FormParam("max") Integer max,
                              @FormParam("idleSeconds") Integer idleSeconds, @FormParam("concurrency") Integer concurrency,
                              @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "autoscaled", () -> autoscale.put(DashboardSession.of(context).caller(), name,
                new AutoscaleResource.AutoscaleRequest(min, max, idleSeconds, concurrency), request));
    }

    @POST
    @Path("/autoscale/off")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response autoscaleOff(@PathParam("app") String name, @Context ContainerRequestContext context,
                                 @Context HttpServletRequest request) {
        return act(context, name, "autoscale-off",
                () -> autoscale.off(DashboardSession.of(context).caller(), name, request));
    }

    @POST
    @Path("/restart")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response restart(@PathParam("app") String name, @Context ContainerRequestContext context,
                            @Context HttpServletRequest request) {
        return act(context, name, "restarted", () -> processes.restart(DashboardSession.of(context).caller(), name, request));
    }

    /** Does it, then back to the page with a notice; a refusal shows the page again with the API's message. */
    private Response act(ContainerRequestContext context, String name, String notice, Supplier<?> action) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, PageActions.appTab(name, "releases", notice), () -> page(session, name), action);
    }

    private Page page(DashboardSession session, String name) {
        AppView app = apps.show(session.caller(), name);
        return new Page("releases.ftlh", "Releases · " + app.name(), session).with("app", app)
                .with("canWrite", Role.parse(app.role()).atLeast(Role.MEMBER))
                .with("releases", releases.list(session.caller(), name, SHOWN))
                .with("config", config.show(session.caller(), name))
                .with("instances", processes.ps(session.caller(), name))
                .with("autoscale", autoscale.show(session.caller(), name));
    }
}
