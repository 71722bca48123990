package cloud.nextmcp.api.metrics;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An app's traffic over the last {@code minutes} minutes, as the router(s) recorded it.
 * Latencies are in milliseconds and null where nothing was measured. The router keeps
 * percentiles per minute only, so over several minutes {@code p50Ms} is the request-weighted mean
 * of the minutes' medians and {@code p95Ms} and {@code p99Ms} the highest minute's p95 and p99
 * (upper bounds).
 *
 * @param series one entry per minute that had traffic, oldest first
 * @param methods MCP calls per method and tool ({@code tool} is empty unless the method is {@code tools/call})
 */
public record MetricsView(int minutes, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant since, Totals totals,
                          List<Minute> series, List<Method> methods) {

    /** @param status requests per status class: {@code 1xx} … {@code 5xx} */
    public record Totals(long requests, Map<String, Long> status, Double p50Ms, Double p95Ms, Double p99Ms, long bytesIn,
                         long bytesOut) {
    }

    public record Minute(@JsonFormat(shape = JsonFormat.Shape.STRING) Instant minute, long requests,
                         Map<String, Long> status, Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    public record Method(String method, String tool, long requests, long errors, Double p50Ms, Double p95Ms,
                         Double p99Ms) {
    }
}
