package cloud.nextmcp.api.dashboard.previews;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.github.PreviewsResource;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An app's previews (pull requests and branches): URL, commit and age, and destroy for Members and
 * stronger. Both go through {@link PreviewsResource}, so its role checks apply.
 */
@Path("/apps/{app}/previews")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class PreviewsPages {
    private final AppsResource apps;
    private final PreviewsResource previews;

    public PreviewsPages(AppsResource apps, PreviewsResource previews) {
        this.apps = apps;
        this.previews = previews;
    }

    @GET
    public Response page(@PathParam("app") String name, @QueryParam("notice") String notice,
                         @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        return Page.show(session, notice, () -> page(session, name));
    }

    @POST
    @Path("/destroy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response destroy(@PathParam("app") String name, @FormParam("preview") String preview,
                            @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, URI.create("/apps/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + "/previews?notice=preview-destroyed"), () -> page(session, name),
                () -> previews.destroy(session.caller(), name, preview == null ? "" : preview, request));
    }

    private Page page(DashboardSession session, String name) {
        AppView app = apps.show(session.caller(), name);
        return new Page("previews.ftlh", "Previews · " + app.name(), session).with("app", app)
                .with("canChange", Role.parse(app.role()).atLeast(Role.MEMBER))
                .with("previews", previews.list(session.caller(), name));
    }
}
