package cloud.nextmcp.api.dashboard.logs;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.logs.LogsResource;
import cloud.nextmcp.api.problems.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An app's logs: the page, and the live tail it opens as server-sent events (the API's own log
 * stream, with the session cookie instead of a bearer token). Lines are untrusted text: the
 * page's script puts them in as text, never as HTML, with ANSI colour codes removed.
 */
@Path("/apps/{app}/logs")
@DashboardPage
@SignedIn
public final class LogsPages {
    /** The sources a user filters by; "" is all of them. */
    static final List<String> SOURCES = List.of("", "build", "web", "web.1", "web.2", "platform");
    private static final String TAIL = "300";

    private final AppsResource apps;
    private final LogsResource logs;

    public LogsPages(AppsResource apps, LogsResource logs) {
        this.apps = apps;
        this.logs = logs;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("app") String name, @QueryParam("source") String source,
                         @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        try {
            AppView app = apps.show(session.caller(), name);
            String wanted = source == null ? "" : source.strip();
            return new Page("logs.ftlh", "Logs · " + app.name(), session).with("app", app).with("source", wanted)
                    .with("sources", SOURCES).ok();
        } catch (ApiException e) {
            return Page.problem(session, e);
        }
    }

    @GET
    @Path("/stream")
    @Produces(LogsResource.EVENT_STREAM)
    public Response stream(@PathParam("app") String name, @QueryParam("source") String source,
                           @HeaderParam("Last-Event-ID") String lastEventId, @Context ContainerRequestContext context) {
        return logs.logs(DashboardSession.of(context).caller(), name, TAIL, source, true, lastEventId);
    }
}
