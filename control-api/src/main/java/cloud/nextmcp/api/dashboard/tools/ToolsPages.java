package cloud.nextmcp.api.dashboard.tools;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.apps.McpEndpoint;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.config.PublicEndpoints;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP Inspector's core in the page: the tools the app lists, read live over MCP, each with a
 * form to call it and the result. Any member of the app's team may use it; the app is called
 * through its public endpoint like any client would.
 */
@Path("/apps/{app}/tools")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class ToolsPages {
    private final AppsResource apps;
    private final PublicEndpoints endpoints;
    private final AppMcpClient mcp;

    public ToolsPages(AppsResource apps, PublicEndpoints endpoints, AppMcpClient mcp) {
        this.apps = apps;
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
    public Response page(@PathParam("app") String name, @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = apps.show(session.caller(), name);
            return render(session, app, null, null).ok();
        } catch (ApiException e) {
            return Page.problem(session, e);
        }
    }

    @POST
    @Path("/{tool}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response call(@PathParam("app") String name, @PathParam("tool") String tool,
                         MultivaluedMap<String, String> form, @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = apps.show(session.caller(), name);
            URI endpoint = McpEndpoint.of(endpoints, app.name());
            List<McpSchema.Tool> tools = mcp.tools(app.name(), endpoint);
            McpSchema.Tool chosen = tools.stream().filter(t -> t.name().equals(tool)).findFirst().orElse(null);
            if (chosen == null) {
                return render(session, app, tools, null).withError(app.name() + " has no tool '" + tool + "'").respond(404);
            }
            Map<String, String> values = new HashMap<>();
            form.forEach((k, v) -> values.put(k, v.isEmpty() ? null : v.get(0)));
            Map<String, Object> arguments;
            try {
                arguments = ToolForm.arguments(ToolForm.fields(chosen), values);
            } catch (IllegalArgumentException e) {
                return render(session, app, tools, null).withError(e.getMessage()).respond(422);
            }
            McpSchema.CallToolResult result = mcp.call(app.name(), endpoint, tool, arguments);
            List<String> texts = result.content() == null ? List.of() : result.content().stream()
                    .map(c -> c instanceof McpSchema.TextContent text ? text.text() : "[" + c.type() + " content]").toList();
            return render(session, app, tools, new CallResult(tool, texts, Boolean.TRUE.equals(result.isError()))).ok();
        } catch (ApiException e) {
            return Page.problem(session, e);
        } catch (AppMcpClient.Unavailable e) {
            return new Page("tools.ftlh", "Tools · " + name, session).with("app", apps.show(session.caller(), name))
                    .with("tools", List.of()).withError(e.getMessage()).respond(502);
        }
    }

    /** The page; {@code tools} as already read, or null to read them now. */
    private Page render(DashboardSession session, AppView app, List<McpSchema.Tool> tools, CallResult result) {
        Page page = new Page("tools.ftlh", "Tools · " + app.name(), session).with("app", app);
        try {
            List<McpSchema.Tool> listed = tools != null ? tools : mcp.tools(app.name(), McpEndpoint.of(endpoints, app.name()));
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
