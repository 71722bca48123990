package cloud.nextmcp.api.dashboard.previews;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.github.GithubResource;
import cloud.nextmcp.api.github.PreviewsResource;
import cloud.nextmcp.api.problems.ApiException;
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
import java.util.Map;

/**
 * An app's previews (pull requests and branches): URL, commit and age, and destroy for Members and
 * stronger; and its GitHub connection (status, recent deliveries, connect and disconnect). Everything
 * goes through {@link PreviewsResource} and {@link GithubResource}, so their role checks apply.
 */
@Path("/apps/{app}/previews")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class PreviewsPages {
    private static final int DELIVERIES_SHOWN = 10;

    private final AppsResource apps;
    private final PreviewsResource previews;
    private final GithubResource github;

    public PreviewsPages(AppsResource apps, PreviewsResource previews, GithubResource github) {
        this.apps = apps;
        this.previews = previews;
        this.github = github;
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
        return PageActions.run(session, PageActions.appTab(name, "previews", "preview-destroyed"), () -> page(session, name),
                () -> previews.destroy(session.caller(), name, preview == null ? "" : preview, request));
    }

    @POST
    @Path("/github")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response connect(@PathParam("app") String name, @FormParam("repository") String repository,
                            @FormParam("branch") String branch, @FormParam("previews") String mode,
                            @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        // An empty field is how a form says "not given": the API then takes the repository's default branch.
        return PageActions.run(session, PageActions.appTab(name, "previews", "github-connected"), () -> page(session, name),
                () -> github.connect(session.caller(), name, new GithubResource.ConnectRequest(
                        repository == null ? "" : repository, branch, mode), request));
    }

    @POST
    @Path("/github/disconnect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disconnect(@PathParam("app") String name, @Context ContainerRequestContext context,
                               @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, PageActions.appTab(name, "previews", "github-disconnected"), () -> page(session, name),
                () -> github.disconnect(session.caller(), name, request));
    }

    private Page page(DashboardSession session, String name) {
        AppView app = apps.show(session.caller(), name);
        return new Page("previews.ftlh", "Previews · " + app.name(), session).with("app", app)
                .with("canChange", Role.parse(app.role()).atLeast(Role.MEMBER))
                .with("previews", previews.list(session.caller(), name))
                .with("githubUnavailable", github.unavailable().orElse(null))
                .with("github", connection(session, name))
                .with("deliveries", github.deliveries(session.caller(), name, DELIVERIES_SHOWN));
    }

    /** The app's connection, or null when it has none (the API's 404; any other refusal stands). */
    private Map<String, Object> connection(DashboardSession session, String name) {
        try {
            return github.status(session.caller(), name);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
