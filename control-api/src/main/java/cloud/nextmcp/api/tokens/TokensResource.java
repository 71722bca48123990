package cloud.nextmcp.api.tokens;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.ApiToken;
import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.TokenScope;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppAccess;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.apps.AppGrantDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The caller's API tokens (for the CLI and git over HTTP), stored as hashes. */
@Path("/api/v1/tokens")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {
    private static final int MAX_DAYS = 3650;

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Auditor auditor;
    private final Actors actors;
    private final Clock clock;

    public TokensResource(Jdbi jdbi, Secrets secrets, Auditor auditor, Actors actors, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.auditor = auditor;
        this.actors = actors;
        this.clock = clock;
    }

    /**
     * {@code expiresInDays} left out: the token lives until revoked. {@code app} set: the token calls
     * that app through the router (scope mcp) and opens neither the API nor git.
     */
    public record CreateToken(String name, Integer expiresInDays, String app, List<String> scopes) {
    }

    @GET
    public List<TokenView> list(@Auth Caller caller) {
        return jdbi.withHandle(h -> {
            AppDao apps = h.attach(AppDao.class);
            return h.attach(ApiTokenDao.class).listLive(caller.userId()).stream()
                    .map(t -> TokenView.of(t, t.appId() == null ? null : apps.findById(t.appId()).map(App::name).orElse(null)))
                    .toList();
        });
    }

    @POST
    public Response create(@Auth Caller caller, CreateToken body, @Context HttpServletRequest request) {
        Require.body(body, "{\"name\":\"laptop\",\"expiresInDays\":90}");
        String name = Require.maxLength(Require.text(body.name(), "name"), "name", 100);
        Integer days = body.expiresInDays();
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw ApiException.invalid("'expiresInDays' must be between 1 and " + MAX_DAYS + ", or left out for no expiry");
        }
        Instant expiresAt = days == null ? null : clock.instant().plus(Duration.ofDays(days));
        String appName = body.app() == null || body.app().isBlank() ? null : body.app().strip();
        TokenScope scope = scope(appName, body.scopes());
        String token = secrets.newApiToken();
        ApiToken stored = jdbi.inTransaction(h -> {
            Long appId = appName == null ? null : callableApp(h, caller, appName);
            ApiToken inserted = h.attach(ApiTokenDao.class).insert(caller.userId(), name, Secrets.hash(token),
                    Secrets.displayPrefix(token), expiresAt, appId, new String[] {scope.dbValue()});
            Map<String, Object> detail = new HashMap<>();
            detail.put("id", inserted.id());
            detail.put("prefix", inserted.prefix());
            detail.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
            detail.put("app", appName);
            detail.put("scopes", List.of(scope.dbValue()));
            auditor.record(h, actors.of(caller, request), "token.create", name, detail);
            // Routers keep every live token in their snapshot (to tell a wrong scope from an unknown token).
            EventBus.publish(h, Channels.ACCESS, "");
            return inserted;
        });
        return Response.status(Response.Status.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new CreatedTokenView(stored.id(), stored.name(), token, stored.prefix(), stored.createdAt(),
                        stored.expiresAt(), appName, List.of(scope.dbValue()))).build();
    }

    /** A token made for one MCP session of the dashboard's own (see {@link #sessionToken}). */
    public record SessionToken(long id, String token) {
    }

    /**
     * A token for one MCP session the dashboard opens with a private app on the caller's behalf: bound
     * to that app, scope mcp, expiring after {@code ttl}, never shown to anyone; the page revokes it
     * with {@link #endSession} once the session is over. The same rule as {@link #create}: members and
     * granted people only.
     */
    public SessionToken sessionToken(Caller caller, String app, Duration ttl, HttpServletRequest request) {
        String token = secrets.newApiToken();
        Instant expiresAt = clock.instant().plus(ttl);
        ApiToken stored = jdbi.inTransaction(h -> {
            long appId = callableApp(h, caller, app);
            ApiToken inserted = h.attach(ApiTokenDao.class).insert(caller.userId(), "dashboard tools of " + app,
                    Secrets.hash(token), Secrets.displayPrefix(token), expiresAt, appId,
                    new String[] {TokenScope.MCP.dbValue()});
            auditor.record(h, actors.of(caller, request), "token.session", app,
                    Map.of("id", inserted.id(), "expiresAt", expiresAt.toString()));
            EventBus.publish(h, Channels.ACCESS, "");
            return inserted;
        });
        return new SessionToken(stored.id(), token);
    }

    /** Revokes a {@link SessionToken}. */
    public void endSession(Caller caller, SessionToken token) {
        jdbi.useTransaction(h -> {
            h.attach(ApiTokenDao.class).revoke(caller.userId(), token.id());
            EventBus.publish(h, Channels.ACCESS, "");
        });
    }

    /** Without an app a token is for the API (scope api); with one, for calling that app (scope mcp). */
    private static TokenScope scope(String app, List<String> scopes) {
        TokenScope wanted;
        if (scopes == null || scopes.isEmpty()) {
            wanted = app == null ? TokenScope.API : TokenScope.MCP;
        } else if (scopes.size() > 1) {
            throw ApiException.invalid("a token has one scope: 'api' (no app) or 'mcp' (with an app)");
        } else {
            try {
                wanted = TokenScope.parse(scopes.get(0));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(e.getMessage());
            }
        }
        if (app == null && wanted == TokenScope.MCP) {
            throw ApiException.invalid("scope 'mcp' needs an app: a token calls one app (add \"app\")");
        }
        if (app != null && wanted == TokenScope.API) {
            throw ApiException.invalid("a token bound to an app is for MCP calls only: use scope 'mcp', or leave out \"app\"");
        }
        return wanted;
    }

    /** The id of an app the caller may call: a member of its team, or granted access. Others get 404. */
    private static long callableApp(Handle h, Caller caller, String name) {
        App app = h.attach(AppDao.class).findByName(name).orElseThrow(() -> AppScope.notFound(name));
        boolean member = h.attach(AppAccess.class).roleOn(caller.userId(), name).isPresent();
        if (!member && !h.attach(AppGrantDao.class).granted(app.id(), caller.userId())) {
            throw AppScope.notFound(name);
        }
        return app.id();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@Auth Caller caller, @PathParam("id") String id, @Context HttpServletRequest request) {
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("you have no API token " + id + "; see GET /api/v1/tokens for the ids");
        }
        jdbi.useTransaction(h -> {
            if (h.attach(ApiTokenDao.class).revoke(caller.userId(), tokenId) == 0) {
                throw ApiException.notFound("you have no API token " + id + "; see GET /api/v1/tokens for the ids");
            }
            auditor.record(h, actors.of(caller, request), "token.revoke", id, Map.of());
            EventBus.publish(h, Channels.ACCESS, "");
        });
        return Response.noContent().build();
    }
}
