package cloud.nextmcp.api.metrics;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the router's per-minute tables (005-router-metrics.sql, 015-latency-p95.sql); instance_id '' rows are the whole app. */
@RegisterConstructorMapper(MetricsDao.MinuteRow.class)
@RegisterConstructorMapper(MetricsDao.MethodRow.class)
public interface MetricsDao {
    record MinuteRow(Instant minute, long requests, long status1xx, long status2xx, long status3xx, long status4xx,
                     long status5xx, long bytesIn, long bytesOut, double latencyMsP50, double latencyMsP95,
                     double latencyMsP99) {
    }

    record MethodRow(String method, String tool, long calls, long errors, Double p50, Double p95, Double p99) {
    }

    @SqlQuery("SELECT minute, requests, status_1xx, status_2xx, status_3xx, status_4xx, status_5xx, bytes_in, bytes_out, "
            + "latency_ms_p50, latency_ms_p95, latency_ms_p99 FROM app_metrics_minutely "
            + "WHERE app_id = :appId AND instance_id = '' AND minute >= :since ORDER BY minute")
    List<MinuteRow> minutes(@Bind("appId") long appId, @Bind("since") Instant since);

    @SqlQuery("SELECT method, tool, sum(calls) AS calls, sum(errors) AS errors, "
            + "sum(latency_ms_p50 * calls) / nullif(sum(calls), 0) AS p50, "
            + "CASE WHEN sum(calls) > 0 THEN max(latency_ms_p95) END AS p95, "
            + "CASE WHEN sum(calls) > 0 THEN max(latency_ms_p99) END AS p99 "
            + "FROM mcp_metrics_minutely WHERE app_id = :appId AND minute >= :since "
            + "GROUP BY method, tool ORDER BY sum(calls) DESC, method, tool")
    List<MethodRow> methods(@Bind("appId") long appId, @Bind("since") Instant since);
}
