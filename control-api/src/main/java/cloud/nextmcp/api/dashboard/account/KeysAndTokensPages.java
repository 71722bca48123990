package cloud.nextmcp.api.dashboard.account;

import cloud.nextmcp.api.dashboard.Notices;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.PageActions;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.keys.KeysResource;
import cloud.nextmcp.api.oauth.ConsentsResource;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.tokens.CreatedTokenView;
import cloud.nextmcp.api.tokens.TokensResource;
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
import java.util.function.Supplier;

/**
 * The caller's SSH keys (git over SSH), API tokens, and the MCP clients they allowed to call apps for them. A new token is shown once, in the answer to
 * the form that created it (never in a URL, never again afterwards), as the API does.
 */
@Path("/account")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class KeysAndTokensPages {
    private final KeysResource keys;
    private final TokensResource tokens;
    private final ConsentsResource consents;

    public KeysAndTokensPages(KeysResource keys, TokensResource tokens, ConsentsResource consents) {
        this.keys = keys;
        this.tokens = tokens;
        this.consents = consents;
    }

    @GET
    public Response page(@QueryParam("notice") String notice, @Context ContainerRequestContext context) {
        return page(DashboardSession.of(context)).withNotice(Notices.text(notice)).ok();
    }

    @POST
    @Path("/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addKey(@FormParam("publicKey") String publicKey, @Context ContainerRequestContext context,
                           @Context HttpServletRequest request) {
        return act(context, "key-added", () -> keys.add(DashboardSession.of(context).caller(),
                new KeysResource.AddKey(publicKey == null ? null : publicKey.strip()), request));
    }

    @POST
    @Path("/keys/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeKey(@PathParam("id") String id, @Context ContainerRequestContext context,
                              @Context HttpServletRequest request) {
        return act(context, "key-removed", () -> keys.remove(DashboardSession.of(context).caller(), id, request));
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@FormParam("name") String name, @FormParam("expiresInDays") String expiresInDays,
                                @FormParam("app") String app, @Context ContainerRequestContext context,
                                @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        try {
            CreatedTokenView created = (CreatedTokenView) tokens.create(session.caller(),
                    new TokensResource.CreateToken(name, ExpiryField.days(expiresInDays), app, null), request).getEntity();
            return page(session).with("created", created)
                    .withNotice("Token created. Copy it now: it is not shown again.").ok();
        } catch (ApiException e) {
            return page(session).withError(e.getMessage()).respond(e.status());
        }
    }

    @POST
    @Path("/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeToken(@PathParam("id") String id, @Context ContainerRequestContext context,
                                @Context HttpServletRequest request) {
        return act(context, "token-revoked", () -> tokens.revoke(DashboardSession.of(context).caller(), id, request));
    }

    /** Withdraws the caller's consent for an OAuth client (an MCP client they signed in) to call an app for them. */
    @POST
    @Path("/consents/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdrawConsent(@FormParam("app") String app, @FormParam("client") String client,
                                    @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return act(context, "consent-withdrawn", () -> consents.withdraw(DashboardSession.of(context).caller(), app, client,
                request));
    }

    private Response act(ContainerRequestContext context, String notice, Supplier<?> action) {
        DashboardSession session = DashboardSession.of(context);
        return PageActions.run(session, URI.create("/account?notice=" + notice), () -> page(session), action);
    }

    private Page page(DashboardSession session) {
        return new Page("account.ftlh", "Keys & tokens", session).with("keys", keys.list(session.caller()))
                .with("tokens", tokens.list(session.caller())).with("consents", consents.list(session.caller()));
    }
}
