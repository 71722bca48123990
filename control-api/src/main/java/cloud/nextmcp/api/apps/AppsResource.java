package cloud.nextmcp.api.apps;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.teams.TeamAccess;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.TeamMembership;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.apps.AppAccess;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.apps.AppName;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.PreviewDao;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps: Viewers read, Members create, Admins destroy. An app of a team the caller is not in is
 * "not found" for every method, exactly like an app that does not exist.
 */
@Path("/api/v1/apps")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class AppsResource {
    private static final Logger LOG = LoggerFactory.getLogger(AppsResource.class);
    private static final String NAME_CONSTRAINT = "apps_name_key";
    private static final int GENERATE_ATTEMPTS = 25;

    private final Jdbi jdbi;
    private final PublicEndpoints endpoints;
    private final Auditor auditor;
    private final Actors actors;
    private final Random random;
    private final Entitlements entitlements;

    public AppsResource(Jdbi jdbi, PublicEndpoints endpoints, Auditor auditor, Actors actors, Random random,
                        Entitlements entitlements) {
        this.jdbi = jdbi;
        this.endpoints = endpoints;
        this.auditor = auditor;
        this.actors = actors;
        this.random = random;
        this.entitlements = entitlements;
    }

    /** Both fields optional: no name → a generated one; no team → the caller's personal team. */
    public record CreateApp(String name, String team) {
    }

    @GET
    public List<AppView> list(@Auth Caller caller, @QueryParam("team") String team) {
        return jdbi.withHandle(h -> {
            if (team != null && !team.isBlank()) {
                TeamMembership membership = TeamAccess.member(h, caller, team);
                List<App> apps = h.attach(AppDao.class).ofTeam(membership.teamId());
                Map<Long, LiveProjects.Project> projects = projects(h, apps);
                return apps.stream().map(app -> AppView.of(app, membership.role(), endpoints, projects.get(app.id())))
                        .toList();
            }
            Map<Long, Role> roles = h.attach(TeamDao.class).teamsOf(caller.userId()).stream()
                    .collect(Collectors.toMap(TeamMembership::teamId, TeamMembership::role));
            List<App> apps = h.attach(AppDao.class).visibleTo(caller.userId());
            Map<Long, LiveProjects.Project> projects = projects(h, apps);
            return apps.stream().map(app -> AppView.of(app, roles.get(app.teamId()), endpoints, projects.get(app.id())))
                    .toList();
        });
    }

    @POST
    public Response create(@Auth Caller caller, CreateApp body, @Context HttpServletRequest request) {
        CreateApp wanted = body == null ? new CreateApp(null, null) : body;
        String name = wanted.name() == null || wanted.name().isBlank() ? null : wanted.name().strip();
        if (name != null) {
            String problem = AppName.problem(name);
            if (problem != null) {
                throw ApiException.invalid(problem);
            }
        }
        AppView created = jdbi.inTransaction(h -> {
            TeamMembership team = wanted.team() == null || wanted.team().isBlank()
                    ? personalTeam(h, caller)
                    : TeamAccess.member(h, caller, wanted.team().strip());
            TeamAccess.requireRole(team.role(), Role.MEMBER, "creating apps", "team '" + team.teamName() + "'");
            entitlements.requireAppSlot(h, team.teamId());
            AppDao apps = h.attach(AppDao.class);
            Long creator = caller.userId();
            App app = name != null
                    ? UniqueViolation.insertOrEmpty(h, NAME_CONSTRAINT, () -> apps.insert(name, team.teamId(), creator))
                            .orElseThrow(() -> ApiException.conflict("app name '" + name + "' is taken; choose another, "
                                    + "or leave the name out to get a generated one"))
                    : insertGenerated(h, apps, team.teamId(), creator);
            // The new app's route (no release yet: 503) must reach the router now, not at its next periodic reload.
            EventBus.publish(h, Channels.ROUTES, Long.toString(app.id()));
            auditor.record(h, actors.of(caller, request), "app.create", app.name(),
                    Map.of("team", team.teamName(), "generatedName", name == null));
            return AppView.of(app, team.role(), endpoints, null); // no release yet, so no project to show
        });
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/{app}")
    public AppView show(@Auth Caller caller, @PathParam("app") String name) {
        return jdbi.withHandle(h -> {
            Role role = roleOn(h, caller, name);
            App app = h.attach(AppDao.class).findByName(name).orElseThrow(() -> notFound(name));
            return AppView.of(app, role, endpoints, projects(h, List.of(app)).get(app.id()));
        });
    }

    /** Deletes the app (its routes, builds and logs go with it) and tells the runtimes over NOTIFY when it commits. */
    @DELETE
    @Path("/{app}")
    public Response destroy(@Auth Caller caller, @PathParam("app") String name, @Context HttpServletRequest request) {
        jdbi.useTransaction(h -> {
            Role role = roleOn(h, caller, name);
            TeamAccess.requireRole(role, Role.ADMIN, "destroying apps", "the team of app '" + name + "'");
            AppDao apps = h.attach(AppDao.class);
            App app = apps.findByName(name).orElseThrow(() -> notFound(name));
            // Previews go with their parent (ON DELETE CASCADE); each is announced so its instances stop too.
            h.attach(PreviewDao.class).ofParent(app.id())
                    .forEach(p -> {
                        EventBus.publish(h, Channels.APPS, Long.toString(p.appId()));
                        EventBus.publish(h, Channels.ROUTES, Long.toString(p.appId()));
                    });
            apps.delete(app.id());
            EventBus.publish(h, Channels.APPS, Long.toString(app.id()));
            EventBus.publish(h, Channels.ROUTES, Long.toString(app.id()));
            auditor.record(h, actors.of(caller, request), "app.destroy", app.name(),
                    Map.of("team", app.teamName(), "appId", app.id()));
            LOG.info("App {} (id {}) destroyed by user {}", app.name(), app.id(), caller.userId());
        });
        return Response.noContent().build();
    }

    private App insertGenerated(Handle h, AppDao apps, long teamId, Long creator) {
        for (int attempt = 0; attempt < GENERATE_ATTEMPTS; attempt++) {
            String candidate = AppName.generate(random);
            Optional<App> app = UniqueViolation.insertOrEmpty(h, NAME_CONSTRAINT, () -> apps.insert(candidate, teamId, creator));
            if (app.isPresent()) {
                return app.get();
            }
        }
        throw ApiException.conflict("could not find a free generated app name; choose a name yourself");
    }

    private static Map<Long, LiveProjects.Project> projects(Handle h, List<App> apps) {
        return h.attach(LiveProjects.class).of(apps.stream().map(App::id).toList()).stream()
                .collect(Collectors.toMap(LiveProjects.Project::appId, p -> p));
    }

    /** The personal team is the one personal team the caller belongs to (personal teams have no other members). */
    private static TeamMembership personalTeam(Handle h, Caller caller) {
        return h.attach(TeamDao.class).teamsOf(caller.userId()).stream().filter(TeamMembership::personal).findFirst()
                .orElseThrow(() -> ApiException.invalid("you have no personal team; name a team with \"team\""));
    }

    private static Role roleOn(Handle h, Caller caller, String name) {
        return h.attach(AppAccess.class).roleOn(caller.userId(), name).orElseThrow(() -> notFound(name));
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("app '" + name + "' not found");
    }
}
