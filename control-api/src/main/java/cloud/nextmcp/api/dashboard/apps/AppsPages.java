package cloud.nextmcp.api.dashboard.apps;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.builds.BuildView;
import cloud.nextmcp.api.builds.BuildsResource;
import cloud.nextmcp.api.dashboard.Notices;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.releases.ReleaseView;
import cloud.nextmcp.api.releases.ReleasesResource;
import cloud.nextmcp.api.runtime.InstanceView;
import cloud.nextmcp.api.runtime.ProcessesResource;
import cloud.nextmcp.api.teams.TeamView;
import cloud.nextmcp.api.teams.TeamsResource;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.config.PublicEndpoints;
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
import java.util.Comparator;
import java.util.List;

/**
 * The apps list, creating an app (in a team the caller may create apps in), an app's overview, and
 * destroying an app (the name typed again, as {@code nextmcp apps destroy --confirm} wants it). Everything is read and written through
 * the API's resources, so the pages see and may do exactly what the caller's role allows there.
 */
@Path("/apps")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class AppsPages {
    private static final String RECENT = "5";

    private final AppsResource apps;
    private final BuildsResource builds;
    private final ReleasesResource releases;
    private final ProcessesResource processes;
    private final PublicEndpoints endpoints;
    private final TeamsResource teams;

    public AppsPages(AppsResource apps, BuildsResource builds, ReleasesResource releases, ProcessesResource processes,
                     PublicEndpoints endpoints, TeamsResource teams) {
        this.apps = apps;
        this.teams = teams;
        this.builds = builds;
        this.releases = releases;
        this.processes = processes;
        this.endpoints = endpoints;
    }

    /** One row of the list: the app and what its badge says. */
    public record Row(AppView app, AppStatus status, BuildView lastDeploy) {
    }

    @GET
    public Response list(@QueryParam("notice") String notice, @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        return listPage(session).withNotice(Notices.text(notice)).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("team") String team,
                           @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = (AppView) apps.create(session.caller(), new AppsResource.CreateApp(name, team), request).getEntity();
            return Response.seeOther(URI.create("/apps/" + URLEncoder.encode(app.name(), StandardCharsets.UTF_8))).build();
        } catch (ApiException e) {
            return listPage(session).with("wantedName", name).with("wantedTeam", team)
                    .withError(e.getMessage()).respond(e.status());
        }
    }

    /** Refused unless {@code confirm} is the app's name, so a stray click or a forged form without it destroys nothing. */
    @POST
    @Path("/{app}/destroy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response destroy(@PathParam("app") String name, @FormParam("confirm") String confirm,
                            @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, URI.create("/apps?notice=app-destroyed"), () -> overviewPage(session, name), () -> {
            if (confirm == null || !confirm.strip().equals(name)) {
                throw ApiException.invalid("to destroy " + name + ", type its name, " + name + ", in the confirmation field");
            }
            return apps.destroy(session.caller(), name, request);
        });
    }

    @GET
    @Path("/{app}")
    public Response overview(@PathParam("app") String name, @QueryParam("notice") String notice,
                             @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        return Page.show(session, notice, () -> overviewPage(session, name));
    }

    /** The status badge and instances, which the overview asks for again every few seconds (htmx). */
    @GET
    @Path("/{app}/status")
    public Response status(@PathParam("app") String name, @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = apps.show(session.caller(), name);
            return new Page("app-status.ftlh", app.name(), session).with("app", app).with("o", overview(session, app)).ok();
        } catch (ApiException e) {
            return Page.problem(session, e);
        }
    }

    /** The parts of an app's overview that come from its builds, releases and instances. */
    public record Overview(AppStatus status, List<InstanceView> instances, List<BuildView> builds,
                           List<ReleaseView> releases, ReleaseView current) {
    }

    private Overview overview(DashboardSession session, AppView app) {
        List<BuildView> recentBuilds = builds.list(session.caller(), app.name(), RECENT);
        List<ReleaseView> recentReleases = releases.list(session.caller(), app.name(), RECENT);
        List<InstanceView> instances = processes.ps(session.caller(), app.name());
        AppStatus status = AppStatus.of(recentBuilds.isEmpty() ? null : recentBuilds.get(0).status(),
                recentReleases.isEmpty() ? null : recentReleases.get(0).status(),
                instances.stream().map(InstanceView::state).toList());
        ReleaseView current = recentReleases.stream().filter(ReleaseView::current).findFirst().orElse(null);
        return new Overview(status, instances, recentBuilds, recentReleases, current);
    }

    private Page overviewPage(DashboardSession session, String name) {
        AppView app = apps.show(session.caller(), name);
        return new Page("app.ftlh", app.name(), session).with("app", app).with("o", overview(session, app))
                .with("canWrite", Role.parse(app.role()).atLeast(Role.MEMBER))
                .with("canDestroy", Role.parse(app.role()).atLeast(Role.ADMIN))
                .with("mcpUrl", mcpUrl(app.name())).with("snippets", ClientSnippets.of(app.name(), mcpUrl(app.name())));
    }

    /** The list, and the teams a new app may go to: those where the caller is at least a Member, personal first. */
    private Page listPage(DashboardSession session) {
        List<Row> rows = apps.list(session.caller(), null).stream().map(app -> row(session, app)).toList();
        List<TeamView> creatable = teams.list(session.caller()).stream()
                .filter(t -> Role.parse(t.role()).atLeast(Role.MEMBER))
                .sorted(Comparator.comparing(TeamView::personal).reversed()).toList();
        return new Page("apps.ftlh", "Apps", session).with("rows", rows).with("teams", creatable);
    }

    private Row row(DashboardSession session, AppView app) {
        Overview o = overview(session, app);
        return new Row(app, o.status(), o.builds().isEmpty() ? null : o.builds().get(0));
    }

    private String mcpUrl(String app) {
        return McpEndpoint.of(endpoints, app).toString();
    }
}
