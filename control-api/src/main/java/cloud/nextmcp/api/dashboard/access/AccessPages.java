package cloud.nextmcp.api.dashboard.access;

import cloud.nextmcp.api.access.AccessResource;
import cloud.nextmcp.api.access.AccessView;
import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.account.ExpiryField;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.tokens.CreatedTokenView;
import cloud.nextmcp.api.tokens.TokenView;
import cloud.nextmcp.api.tokens.TokensResource;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.TokenScope;
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
import java.util.List;
import java.util.function.Supplier;

/**
 * Who may call an app: its visibility, grants to users and to API tokens (Admins and Owners change them,
 * through {@link AccessResource}), and the caller's own tokens bound to this app (any team member, as
 * {@link TokensResource} allows). A new token is shown once, in the answer to the form that created it.
 */
@Path("/apps/{app}/access")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class AccessPages {
    private final AppsResource apps;
    private final AccessResource access;
    private final TokensResource tokens;

    public AccessPages(AppsResource apps, AccessResource access, TokensResource tokens) {
        this.apps = apps;
        this.access = access;
        this.tokens = tokens;
    }

    @GET
    public Response page(@PathParam("app") String name, @QueryParam("notice") String notice,
                         @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        return Page.show(session, notice, () -> page(session, name));
    }

    @POST
    @Path("/visibility")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response visibility(@PathParam("app") String name, @FormParam("visibility") String visibility,
                               @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "visibility-changed", () -> access.visibility(DashboardSession.of(context).caller(),
                name, new AccessResource.VisibilityChange(visibility), request));
    }

    @POST
    @Path("/grants")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grantUser(@PathParam("app") String name, @FormParam("email") String email,
                              @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "access-granted", () -> access.grant(DashboardSession.of(context).caller(), name,
                new AccessResource.GrantRequest(email == null ? "" : email, null), request));
    }

    @POST
    @Path("/grants/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeUser(@PathParam("app") String name, @FormParam("email") String email,
                               @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "access-revoked", () -> access.revoke(DashboardSession.of(context).caller(), name,
                email == null ? "" : email, request));
    }

    @POST
    @Path("/token-grants")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grantToken(@PathParam("app") String name, @FormParam("token") String token,
                               @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "access-granted", () -> access.grant(DashboardSession.of(context).caller(), name,
                new AccessResource.GrantRequest(null, token == null ? "" : token), request));
    }

    @POST
    @Path("/token-grants/{tokenId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeToken(@PathParam("app") String name, @PathParam("tokenId") long tokenId,
                                @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "access-revoked", () -> access.revokeToken(DashboardSession.of(context).caller(), name,
                tokenId, request));
    }

    /** A token for this app only (scope mcp): it calls the app through the router and opens neither the API nor git. */
    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@PathParam("app") String name, @FormParam("name") String tokenName,
                                @FormParam("expiresInDays") String expiresInDays,
                                @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        try {
            Integer days = ExpiryField.days(expiresInDays);
            CreatedTokenView created = (CreatedTokenView) tokens.create(session.caller(), new TokensResource.CreateToken(
                    tokenName, days, name, List.of(TokenScope.MCP.dbValue())), request).getEntity();
            return page(session, name).with("created", created)
                    .withNotice("Token created. Copy it now: it is not shown again.").ok();
        } catch (ApiException e) {
            try {
                return page(session, name).withError(e.getMessage()).respond(e.status());
            } catch (ApiException unreadable) {
                return Page.problem(session, unreadable);
            }
        }
    }

    @POST
    @Path("/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeOwnToken(@PathParam("app") String name, @PathParam("id") String id,
                                   @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, name, "token-revoked", () -> tokens.revoke(DashboardSession.of(context).caller(), id, request));
    }

    private Response act(ContainerRequestContext context, String name, String notice, Supplier<?> action) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, PageActions.appTab(name, "access", notice), () -> page(session, name), action);
    }

    private Page page(DashboardSession session, String name) {
        AppView app = apps.show(session.caller(), name);
        AccessView view = access.show(session.caller(), name);
        List<TokenView> own = tokens.list(session.caller());
        return new Page("access.ftlh", "Access · " + app.name(), session).with("app", app).with("access", view)
                .with("canChange", Role.parse(app.role()).atLeast(Role.ADMIN))
                .with("appTokens", own.stream().filter(t -> app.name().equals(t.app())).toList())
                .with("grantableTokens", own.stream().filter(t -> t.scopes().contains(TokenScope.MCP.dbValue()))
                        .map(TokenView::name).distinct().toList());
    }
}
