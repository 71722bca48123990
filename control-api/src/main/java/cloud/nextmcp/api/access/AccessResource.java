package cloud.nextmcp.api.access;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.ApiToken;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.apps.AppGrantDao;
import cloud.nextmcp.core.apps.AppTokenGrantDao;
import cloud.nextmcp.core.apps.Visibility;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Who may call an app through the router: its visibility and its grants, to users and to API tokens.
 * Any team member reads; Admins change. Every change signals {@code NOTIFY access} so routers re-read their snapshot.
 */
@Path("/api/v1/apps/{app}/access")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class AccessResource {
    private final Jdbi jdbi;
    private final Auditor auditor;
    private final Actors actors;

    public AccessResource(Jdbi jdbi, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.auditor = auditor;
        this.actors = actors;
    }

    public record VisibilityChange(String visibility) {
    }

    /** Names either a user (email) or one of the caller's own API tokens (token, its name). */
    public record GrantRequest(String email, String token) {
    }

    @GET
    public AccessView show(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.withHandle(h -> view(h, AppScope.of(h, caller, app)));
    }

    @PUT
    @Path("/visibility")
    public AccessView visibility(@Auth Caller caller, @PathParam("app") String app, VisibilityChange body,
                                 @Context HttpServletRequest request) {
        Require.body(body, "{\"visibility\":\"private\"}");
        Visibility wanted;
        try {
            wanted = Visibility.parse(body.visibility());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.ADMIN, "changing an app's visibility");
            AppGrantDao grants = h.attach(AppGrantDao.class);
            Visibility before = grants.visibility(scope.appId());
            if (before != wanted) {
                grants.setVisibility(scope.appId(), wanted.dbValue());
                signal(h, scope);
                auditor.record(h, actors.of(caller, request), "app.visibility", app,
                        Map.of("from", before.dbValue(), "to", wanted.dbValue()));
            }
            return view(h, scope);
        });
    }

    @POST
    @Path("/grants")
    public Response grant(@Auth Caller caller, @PathParam("app") String app, GrantRequest body, @Context HttpServletRequest request) {
        Require.body(body, "{\"email\":\"bob@example.com\"} or {\"token\":\"ci\"}");
        if ((body.email() == null) == (body.token() == null)) {
            throw ApiException.invalid("name either a user (\"email\") or one of your API tokens (\"token\"), not both nor neither");
        }
        AccessView view = jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.ADMIN, "granting access to an app");
            if (body.token() != null) {
                grantToken(h, scope, caller, Require.text(body.token(), "token"), request);
            } else {
                User user = user(h, Require.text(body.email(), "email"));
                if (h.attach(AppGrantDao.class).grant(scope.appId(), user.id(), caller.userId()) == 1) {
                    signal(h, scope);
                    auditor.record(h, actors.of(caller, request), "access.grant", app, Map.of("user", user.email()));
                }
            }
            return view(h, scope);
        });
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    private void grantToken(Handle h, AppScope scope, Caller caller, String name, HttpServletRequest request) {
        ApiToken token = OwnTokens.forGrant(h, caller.userId(), name);
        if (h.attach(AppTokenGrantDao.class).grant(scope.appId(), token.id(), caller.userId()) == 1) {
            signal(h, scope);
            auditor.record(h, actors.of(caller, request), "access.grant", scope.app().name(),
                    Map.of("token", token.name(), "tokenId", token.id()));
        }
    }

    @DELETE
    @Path("/token-grants/{tokenId}")
    public AccessView revokeToken(@Auth Caller caller, @PathParam("app") String app, @PathParam("tokenId") long tokenId,
                                  @Context HttpServletRequest request) {
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.ADMIN, "revoking access to an app");
            if (h.attach(AppTokenGrantDao.class).revoke(scope.appId(), tokenId) == 0) {
                throw ApiException.notFound("token " + tokenId + " has no grant on app '" + app + "'; see GET /api/v1/apps/" + app + "/access");
            }
            signal(h, scope);
            auditor.record(h, actors.of(caller, request), "access.revoke", app, Map.of("tokenId", tokenId));
            return view(h, scope);
        });
    }

    @DELETE
    @Path("/grants/{email}")
    public AccessView revoke(@Auth Caller caller, @PathParam("app") String app, @PathParam("email") String email,
                             @Context HttpServletRequest request) {
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.ADMIN, "revoking access to an app");
            User user = user(h, email);
            if (h.attach(AppGrantDao.class).revoke(scope.appId(), user.id()) == 0) {
                throw ApiException.notFound(email + " has no grant on app '" + app + "'; see GET /api/v1/apps/" + app + "/access");
            }
            signal(h, scope);
            auditor.record(h, actors.of(caller, request), "access.revoke", app, Map.of("user", user.email()));
            return view(h, scope);
        });
    }

    private static User user(Handle h, String email) {
        return h.attach(UserDao.class).findByEmail(email.strip())
                .orElseThrow(() -> ApiException.notFound("no account has the e-mail '" + email.strip() + "'; they must register first"));
    }

    private static void signal(Handle h, AppScope scope) {
        EventBus.publish(h, Channels.ACCESS, Long.toString(scope.appId()));
    }

    private static AccessView view(Handle h, AppScope scope) {
        AppGrantDao grants = h.attach(AppGrantDao.class);
        return new AccessView(scope.app().name(), grants.visibility(scope.appId()).dbValue(),
                grants.list(scope.appId()).stream().map(AccessView.Grant::of).toList(),
                h.attach(AppTokenGrantDao.class).list(scope.appId()).stream().map(AccessView.TokenGrant::of).toList());
    }
}
