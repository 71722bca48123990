package cloud.nextmcp.api.builds;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.QueryNumbers;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.builds.LogLine;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** An app's builds and their logs; any member of the app's team may read them. */
@Path("/api/v1/apps/{app}/builds")
public final class BuildsResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final int PAGE = 1_000;

    private final Jdbi jdbi;

    public BuildsResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<BuildView> list(@Auth Caller caller, @PathParam("app") String app, @QueryParam("limit") String limit) {
        int n = QueryNumbers.bounded(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return jdbi.withHandle(h -> h.attach(BuildListing.class).recent(AppScope.of(h, caller, app).appId(), n));
    }

    /** The build's output, one line per log line, as the push showed it. */
    @GET
    @Path("/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@Auth Caller caller, @PathParam("app") String app, @PathParam("id") String id) {
        long buildId = parseId(id);
        List<LogLine> lines = jdbi.withHandle(h -> {
            long appId = AppScope.of(h, caller, app).appId();
            h.attach(BuildListing.class).find(appId, buildId)
                    .orElseThrow(() -> ApiException.notFound("build " + buildId + " of app '" + app + "' not found"));
            LogDao logs = h.attach(LogDao.class);
            List<LogLine> all = new ArrayList<>();
            List<LogLine> page;
            long after = 0;
            do {
                page = logs.buildLinesAfter(buildId, after, PAGE);
                all.addAll(page);
                after = page.isEmpty() ? after : page.get(page.size() - 1).id();
            } while (page.size() == PAGE);
            return all;
        });
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.line()).append('\n'));
        return text.toString();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("build '" + id + "' not found: build ids are numbers, see GET …/builds");
        }
    }
}
