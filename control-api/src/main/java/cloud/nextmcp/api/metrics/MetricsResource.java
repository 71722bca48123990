package cloud.nextmcp.api.metrics;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.QueryNumbers;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Request metrics of an app, for any member of its team. */
@Path("/api/v1/apps/{app}/metrics")
@Produces(MediaType.APPLICATION_JSON)
public final class MetricsResource {
    static final int DEFAULT_MINUTES = 60;
    static final int MAX_MINUTES = 7 * 24 * 60;

    private final Jdbi jdbi;
    private final Clock clock;

    public MetricsResource(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @GET
    public MetricsView metrics(@Auth Caller caller, @PathParam("app") String app, @QueryParam("minutes") String minutes) {
        int window = QueryNumbers.bounded(minutes, "minutes", DEFAULT_MINUTES, 1, MAX_MINUTES);
        // The current, still filling minute counts as one of the window's minutes.
        Instant since = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(window - 1L, ChronoUnit.MINUTES);
        // One snapshot for both tables: a router writes a minute's traffic and tool rows in one transaction,
        // and two statements apart could show its tool calls without its requests.
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            long appId = AppScope.of(h, caller, app).appId();
            MetricsDao dao = h.attach(MetricsDao.class);
            return view(window, since, dao.minutes(appId, since), dao.methods(appId, since));
        });
    }

    static MetricsView view(int window, Instant since, List<MetricsDao.MinuteRow> rows, List<MetricsDao.MethodRow> methodRows) {
        long requests = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        long[] status = new long[5];
        double weightedP50 = 0;
        Double p95 = null;
        Double p99 = null;
        for (MetricsDao.MinuteRow row : rows) {
            requests += row.requests();
            bytesIn += row.bytesIn();
            bytesOut += row.bytesOut();
            long[] classes = classes(row);
            for (int i = 0; i < status.length; i++) {
                status[i] += classes[i];
            }
            if (row.requests() > 0) {
                weightedP50 += row.latencyMsP50() * row.requests();
                p95 = p95 == null ? row.latencyMsP95() : Math.max(p95, row.latencyMsP95());
                p99 = p99 == null ? row.latencyMsP99() : Math.max(p99, row.latencyMsP99());
            }
        }
        MetricsView.Totals totals = new MetricsView.Totals(requests, statusMap(status),
                requests == 0 ? null : weightedP50 / requests, p95, p99, bytesIn, bytesOut);
        List<MetricsView.Minute> series = rows.stream().map(r -> new MetricsView.Minute(r.minute(), r.requests(),
                statusMap(classes(r)), r.requests() == 0 ? null : r.latencyMsP50(),
                r.requests() == 0 ? null : r.latencyMsP95(),
                r.requests() == 0 ? null : r.latencyMsP99())).toList();
        List<MetricsView.Method> methods = methodRows.stream().map(m -> new MetricsView.Method(m.method(), m.tool(),
                m.calls(), m.errors(), m.p50(), m.p95(), m.p99())).toList();
        return new MetricsView(window, since, totals, series, methods);
    }

    private static long[] classes(MetricsDao.MinuteRow r) {
        return new long[] {r.status1xx(), r.status2xx(), r.status3xx(), r.status4xx(), r.status5xx()};
    }

    private static Map<String, Long> statusMap(long[] classes) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < classes.length; i++) {
            map.put((i + 1) + "xx", classes[i]);
        }
        return map;
    }
}
