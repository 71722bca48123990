package cloud.nextmcp.api.github;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.github.DeliveryDao;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.core.github.GithubConnection;
import cloud.nextmcp.core.github.GithubConnectionDao;
import cloud.nextmcp.core.github.PreviewMode;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An app's GitHub connection: any team member reads, Members connect and disconnect. */
@Path("/api/v1/apps/{app}/github")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class GithubResource {
    private static final Logger LOG = LoggerFactory.getLogger(GithubResource.class);
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");

    private final GithubConfig config;
    private final Jdbi jdbi;
    private final Auditor auditor;
    private final Actors actors;

    public GithubResource(GithubConfig config, Jdbi jdbi, Auditor auditor, Actors actors) {
        this.config = config;
        this.jdbi = jdbi;
        this.auditor = auditor;
        this.actors = actors;
    }

    /** {@code branch} null: the repository's default branch; {@code previews} null: {@code pr,branches}. */
    public record ConnectRequest(String repository, String branch, String previews) {
    }

    /** Why no app can connect here (the dashboard says so instead of offering the form), or empty. */
    public Optional<String> unavailable() {
        return config.enabled() ? Optional.empty() : Optional.of("GitHub is not set up on this platform: the operator "
                + "sets github.webhookSecret and github.appId or github.token (see docs/github.md)");
    }

    @GET
    public Map<String, Object> status(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.withHandle(h -> {
            AppScope scope = AppScope.of(h, caller, app);
            return view(h.attach(GithubConnectionDao.class).ofApp(scope.appId())
                    .orElseThrow(() -> ApiException.notFound("app '" + app + "' is not connected to GitHub: "
                            + "nextmcp github connect OWNER/REPO -a " + app)));
        });
    }

    @PUT
    public Map<String, Object> connect(@Auth Caller caller, @PathParam("app") String app, ConnectRequest body,
                                       @Context HttpServletRequest request) {
        ConnectRequest wanted = Require.body(body, "{\"repository\": \"owner/repo\", \"branch\": \"main\", \"previews\": \"pr,branches\"}");
        unavailable().ifPresent(message -> {
            throw ApiException.conflict(message);
        });
        String repository = Require.text(wanted.repository(), "repository").trim();
        if (!REPOSITORY.matcher(repository).matches() || repository.contains("..")) {
            throw ApiException.invalid("repository must be OWNER/REPO as on GitHub, such as octo-org/weather (not '"
                    + repository + "')");
        }
        String branch = wanted.branch() == null || wanted.branch().isBlank() ? null : wanted.branch().trim();
        if (branch != null && (!BRANCH.matcher(branch).matches() || branch.contains(".."))) {
            throw ApiException.invalid("branch '" + branch + "' is not a valid branch name");
        }
        PreviewMode previews;
        try {
            previews = wanted.previews() == null ? PreviewMode.ALL : PreviewMode.parse(wanted.previews());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        String repo = repository.toLowerCase(Locale.ROOT);
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "connecting GitHub");
            if (scope.app().name().contains("--")) {
                throw ApiException.invalid("'" + app + "' is a preview; connect its parent app");
            }
            GithubConnectionDao connections = h.attach(GithubConnectionDao.class);
            connections.ofRepository(repo).filter(c -> c.appId() != scope.appId()).ifPresent(c -> {
                throw ApiException.conflict(repo + " is already connected to another app; disconnect it there first");
            });
            GithubConnection connection = connections.connect(scope.appId(), repo, branch, previews.stored(), caller.userId());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("repository", repo);
            detail.put("branch", branch);
            detail.put("previews", previews.stored());
            auditor.record(h, actors.of(caller, request), "github.connect", app, detail);
            LOG.info("App {} (id {}) connected to GitHub repository {} by user {} (branch {}, previews {})", app,
                    scope.appId(), repo, caller.userId(), branch == null ? "default" : branch, previews.stored());
            return view(connection);
        });
    }

    @DELETE
    public Response disconnect(@Auth Caller caller, @PathParam("app") String app, @Context HttpServletRequest request) {
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "disconnecting GitHub");
            if (h.attach(GithubConnectionDao.class).disconnect(scope.appId()) == 0) {
                throw ApiException.notFound("app '" + app + "' is not connected to GitHub");
            }
            auditor.record(h, actors.of(caller, request), "github.disconnect", app, Map.of());
            LOG.info("App {} (id {}) disconnected from GitHub by user {}", app, scope.appId(), caller.userId());
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/deliveries")
    public List<Map<String, Object>> deliveries(@Auth Caller caller, @PathParam("app") String app,
                                                @QueryParam("limit") Integer limit) {
        int n = limit == null ? 20 : Math.max(1, Math.min(limit, 200));
        return jdbi.withHandle(h -> {
            AppScope scope = AppScope.of(h, caller, app);
            return h.attach(DeliveryDao.class).ofApp(scope.appId(), n).stream().map(WebhookResource::view).toList();
        });
    }

    private Map<String, Object> view(GithubConnection c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("repository", c.repository());
        out.put("branch", c.productionBranch());
        out.put("previews", c.previews());
        out.put("connectedAt", c.createdAt().toString());
        out.put("webhookUrl", "/api/v1/github/webhook");
        return out;
    }
}
