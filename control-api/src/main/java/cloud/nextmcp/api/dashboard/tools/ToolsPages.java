package cloud.nextmcp.api.dashboard.tools;

import cloud.nextmcp.api.access.AccessResource;
import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.apps.McpEndpoint;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.tokens.TokensResource;
import cloud.nextmcp.core.apps.Visibility;
import cloud.nextmcp.core.config.PublicEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP Inspector's core in the page: the tools the app lists, read live over MCP, each with a
 * form to call it and the result. Any member of the app's team may use it; the app is called
 * through its public endpoint like any client would. A private app is called with an API token
 * made for that one exchange: bound to the app, scope mcp, in the viewer's name, expiring within
 * minutes and revoked as soon as the exchange is over. It never reaches the browser, and the router
 * checks it like any other, so the page can do no more than the person could with
 * {@code nextmcp mcp call}.
 */
@Path("/apps/{app}/tools")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class ToolsPages {
    /** Longer than any exchange a page waits for, so that an exchange never outlives its token. */
    static final Duration SESSION_TOKEN_TTL = Duration.ofMinutes(2);

    private final AppsResource apps;
    private final AccessResource access;
    private final TokensResource tokens;
    private final PublicEndpoints endpoints;
    private final AppMcpClient mcp;

    public ToolsPages(AppsResource apps, AccessResource access, TokensResource tokens, PublicEndpoints endpoints,
                      AppMcpClient mcp) {
        this.apps = apps;
        this.access = access;
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.mcp = mcp;
    }

    /** A tool as the page shows it. */
    public record ToolView(String name, String description, List<ToolForm.Field> fields) {
    }

    /** What a call answered: its text parts, and whether the tool reported an error. */
    public record CallResult(String tool, List<String> texts, boolean error) {
    }

    @GET
    public Response page(@PathParam("app") String name, @Context ContainerRequestContext context,
                         @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = apps.show(session.caller(), name);
            return exchange(session, app, request, bearer -> render(session, app, bearer, null, null).ok());
        } catch (ApiException e) {
            return Page.problem(session, e);
        }
    }

    @POST
    @Path("/{tool}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response call(@PathParam("app") String name, @PathParam("tool") String tool,
                         MultivaluedMap<String, String> form, @Context ContainerRequestContext context,
                         @Context HttpServletRequest request) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = apps.show(session.caller(), name);
            return exchange(session, app, request, bearer -> call(session, app, bearer, tool, form));
        } catch (ApiException e) {
            return Page.problem(session, e);
        } catch (AppMcpClient.Unavailable e) {
            return new Page("tools.ftlh", "Tools · " + name, session).with("app", apps.show(session.caller(), name))
                    .with("tools", List.of()).withError(e.getMessage()).respond(502);
        }
    }

    private Response call(DashboardSession session, AppView app, String bearer, String tool,
                          MultivaluedMap<String, String> form) {
        URI endpoint = McpEndpoint.of(endpoints, app.name());
        List<McpSchema.Tool> tools = mcp.tools(app.name(), endpoint, bearer);
        McpSchema.Tool chosen = tools.stream().filter(t -> t.name().equals(tool)).findFirst().orElse(null);
        if (chosen == null) {
            return render(session, app, bearer, tools, null).withError(app.name() + " has no tool '" + tool + "'").respond(404);
        }
        Map<String, String> values = new HashMap<>();
        form.forEach((k, v) -> values.put(k, v.isEmpty() ? null : v.get(0)));
        Map<String, Object> arguments;
        try {
            arguments = ToolForm.arguments(ToolForm.fields(chosen), values);
        } catch (IllegalArgumentException e) {
            return render(session, app, bearer, tools, null).withError(e.getMessage()).respond(422);
        }
        McpSchema.CallToolResult result = mcp.call(app.name(), endpoint, bearer, tool, arguments);
        List<String> texts = result.content() == null ? List.of() : result.content().stream()
                .map(c -> c instanceof McpSchema.TextContent text ? text.text() : "[" + c.type() + " content]").toList();
        return render(session, app, bearer, tools, new CallResult(tool, texts, Boolean.TRUE.equals(result.isError()))).ok();
    }

    /**
     * Runs one page's MCP work with the app: a public app without credentials, a private one with a
     * token made for this exchange and revoked after it, whatever happened.
     */
    private Response exchange(DashboardSession session, AppView app, HttpServletRequest request,
                              Function<String, Response> work) {
        if (!Visibility.PRIVATE.dbValue().equals(access.show(session.caller(), app.name()).visibility())) {
            return work.apply(null);
        }
        TokensResource.SessionToken token = tokens.sessionToken(session.caller(), app.name(), SESSION_TOKEN_TTL, request);
        try {
            return work.apply(token.token());
        } finally {
            tokens.endSession(session.caller(), token);
        }
    }

    /** The page; {@code tools} as already read, or null to read them now. */
    private Page render(DashboardSession session, AppView app, String bearer, List<McpSchema.Tool> tools,
                        CallResult result) {
        Page page = new Page("tools.ftlh", "Tools · " + app.name(), session).with("app", app);
        try {
            List<McpSchema.Tool> listed = tools != null ? tools
                    : mcp.tools(app.name(), McpEndpoint.of(endpoints, app.name()), bearer);
            page.with("tools", listed.stream().map(t -> new ToolView(t.name(), t.description(), ToolForm.fields(t))).toList());
        } catch (AppMcpClient.Unavailable e) {
            page.with("tools", List.of()).withError(e.getMessage());
        }
        if (result != null) {
            page.with("result", result);
        }
        return page;
    }
}
