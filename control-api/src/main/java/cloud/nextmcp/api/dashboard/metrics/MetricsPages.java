package cloud.nextmcp.api.dashboard.metrics;

import cloud.nextmcp.api.apps.AppView;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.metrics.MetricsResource;
import cloud.nextmcp.api.metrics.MetricsView;
import cloud.nextmcp.api.problems.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Charts of an app's requests, errors and latency, and its MCP calls per tool, over 1 h, 24 h or
 * 7 d: the data of {@code nextmcp metrics} ({@link MetricsResource}). The series travel in a
 * {@code data-series} attribute (escaped like any value) for the page script to draw with uPlot.
 */
@Path("/apps/{app}/metrics")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class MetricsPages {
    /** The windows offered, in minutes. */
    static final Map<String, Integer> WINDOWS = windows();

    private final AppsResource apps;
    private final MetricsResource metrics;
    private final ObjectMapper json;

    public MetricsPages(AppsResource apps, MetricsResource metrics, ObjectMapper json) {
        this.apps = apps;
        this.metrics = metrics;
        this.json = json;
    }

    private static Map<String, Integer> windows() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("1h", 60);
        w.put("24h", 24 * 60);
        w.put("7d", 7 * 24 * 60);
        return w;
    }

    @GET
    public Response page(@PathParam("app") String name, @QueryParam("window") String window,
                         @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        String chosen = window != null && WINDOWS.containsKey(window) ? window : "1h";
        try {
            AppView app = apps.show(session.caller(), name);
            MetricsView view = metrics.metrics(session.caller(), name, Integer.toString(WINDOWS.get(chosen)));
            long errors = view.totals().status().getOrDefault("5xx", 0L) + view.totals().status().getOrDefault("4xx", 0L);
            return new Page("metrics.ftlh", "Metrics · " + app.name(), session).with("app", app).with("m", view)
                    .with("window", chosen).with("windows", List.copyOf(WINDOWS.keySet())).with("errors", errors)
                    .with("series", series(view)).ok();
        } catch (ApiException e) {
            return Page.problem(session, e);
        }
    }

    /** Columns for uPlot: time (seconds), requests, errors, p50, p95, p99 per minute; from and to bound the time axis. */
    private String series(MetricsView view) {
        List<Long> time = new ArrayList<>();
        List<Long> requests = new ArrayList<>();
        List<Long> errors = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (MetricsView.Minute minute : view.series()) {
            time.add(minute.minute().getEpochSecond());
            requests.add(minute.requests());
            errors.add(minute.status().getOrDefault("4xx", 0L) + minute.status().getOrDefault("5xx", 0L));
            p50.add(minute.p50Ms());
            p95.add(minute.p95Ms());
            p99.add(minute.p99Ms());
        }
        try {
            long from = view.since().getEpochSecond();
            return json.writeValueAsString(Map.of("from", from, "to", from + view.minutes() * 60L, "time", time,
                    "requests", requests, "errors", errors, "p50", p50, "p95", p95, "p99", p99));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics series of numbers did not serialize", e);
        }
    }
}
