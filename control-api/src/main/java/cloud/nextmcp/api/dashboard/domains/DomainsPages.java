package cloud.nextmcp.api.dashboard.domains;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.domains.DomainsResource;
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
import java.util.function.Supplier;

/**
 * An app's custom domains: their states and reasons, the DNS records to create, and add, verify and
 * remove for Admins and Owners. Each action is {@link DomainsResource}'s, so its role checks apply.
 */
@Path("/apps/{app}/domains")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class DomainsPages {
    private final AppsResource apps;
    private final DomainsResource domains;

    public DomainsPages(AppsResource apps, DomainsResource domains) {
        this.apps = apps;
        this.domains = domains;
    }

    @GET
    public Response page(@PathParam("app") String name, @QueryParam("notice") String notice,
                         @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        return Page.show(session, notice, () -> page(session, name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("app") String name, @FormParam("hostname") String hostname,
                        @FormParam("redirectHttp") String redirectHttp,
                        @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "domain-added", () -> domains.add(DashboardSession.of(context).caller(), name,
                new DomainsResource.AddDomain(hostname == null ? null : hostname.strip(), redirectHttp != null), request));
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@PathParam("app") String name, @FormParam("hostname") String hostname,
                           @Context ContainerRequestContext context) {
        return act(context, name, "domain-checked",
                () -> domains.verify(DashboardSession.of(context).caller(), name, hostname == null ? "" : hostname));
    }

    @POST
    @Path("/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("app") String name, @FormParam("hostname") String hostname,
                           @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "domain-removed", () -> domains.remove(DashboardSession.of(context).caller(), name,
                hostname == null ? "" : hostname, request));
    }

    /** Does it, then back to the page with a notice; a refusal shows the page again with the API's message. */
    private Response act(ContainerRequestContext context, String name, String notice, Supplier<?> action) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, PageActions.appTab(name, "domains", notice), () -> page(session, name), action);
    }

    private Page page(DashboardSession session, String name) {
        AppView app = apps.show(session.caller(), name);
        return new Page("domains.ftlh", "Domains · " + app.name(), session).with("app", app)
                .with("canChange", Role.parse(app.role()).atLeast(Role.ADMIN))
                .with("domains", domains.list(session.caller(), name));
    }
}
