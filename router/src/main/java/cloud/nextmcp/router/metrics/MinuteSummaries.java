package cloud.nextmcp.router.metrics;

import cloud.nextmcp.core.db.DatabaseOutage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a minute, writes what changed since the previous minute into app_metrics_minutely and
 * mcp_metrics_minutely. Counters stay cumulative in memory; this class keeps the last values it
 * saw and writes the differences, so nothing on the request path ever resets.
 */
public final class MinuteSummaries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MinuteSummaries.class);

    private final RouterMetrics metrics;
    private final Jdbi jdbi;
    private final Map<Object, long[]> lastTraffic = new HashMap<>();
    private final Map<Object, long[]> lastMcp = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "router-metrics-summary");
        t.setDaemon(true);
        return t;
    });

    public MinuteSummaries(RouterMetrics metrics, Jdbi jdbi) {
        this.metrics = metrics;
        this.jdbi = jdbi;
    }

    public void start() {
        long untilNextMinute = 60_000 - (System.currentTimeMillis() % 60_000);
        timer.scheduleAtFixedRate(this::flushLogged, untilNextMinute, 60_000, TimeUnit.MILLISECONDS);
    }

    private void flushLogged() {
        try {
            flush(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES));
        } catch (RuntimeException e) {
            DatabaseOutage.logFailure(LOG, "Could not write the per-minute router metrics; they are added to the next minute's row", e);
        }
    }

    /** Writes the deltas since the last flush under the given minute. Synchronized: also called at close. */
    public synchronized void flush(Instant minute) {
        Map<Object, long[]> nextTraffic = new HashMap<>();
        Map<Object, long[]> nextMcp = new HashMap<>();
        jdbi.useTransaction(h -> {
            metrics.apps().forEach((k, m) -> writeTraffic(h, minute, k.appId(), "", k, m, nextTraffic));
            metrics.instances().forEach((k, m) -> writeTraffic(h, minute, k.appId(), k.instance(), k, m, nextTraffic));
            metrics.mcp().forEach((k, m) -> writeMcp(h, minute, k, m, nextMcp));
        });
        lastTraffic.putAll(nextTraffic);
        // Only the pairs that still have a series: the rest were displaced by more called ones.
        lastMcp.keySet().retainAll(nextMcp.keySet());
        lastMcp.putAll(nextMcp);
    }

    private void writeTraffic(Handle h, Instant minute, long appId, String instance, Object key, TrafficMetrics m,
                              Map<Object, long[]> next) {
        long[] hist = m.latency().counts();
        long[] now = concat(new long[] {m.status(1), m.status(2), m.status(3), m.status(4), m.status(5),
                m.bytesIn(), m.bytesOut(), m.latency().sumMicros()}, hist);
        long[] d = delta(now, lastTraffic.get(key));
        next.put(key, now);
        long requests = d[0] + d[1] + d[2] + d[3] + d[4];
        if (requests == 0 && m.openStreams() == 0) {
            return;
        }
        long[] histDelta = java.util.Arrays.copyOfRange(d, 8, d.length);
        h.createUpdate("""
                INSERT INTO app_metrics_minutely (app_id, minute, instance_id, requests, status_1xx, status_2xx, status_3xx,
                    status_4xx, status_5xx, bytes_in, bytes_out, open_streams, latency_ms_sum, latency_ms_p50, latency_ms_p95, latency_ms_p99)
                SELECT :app, :minute, :instance, :requests, :s1, :s2, :s3, :s4, :s5, :in, :out, :open, :sum, :p50, :p95, :p99
                 WHERE EXISTS (SELECT 1 FROM apps WHERE id = :app)
                ON CONFLICT (app_id, minute, instance_id) DO UPDATE SET
                    requests = app_metrics_minutely.requests + EXCLUDED.requests,
                    status_1xx = app_metrics_minutely.status_1xx + EXCLUDED.status_1xx,
                    status_2xx = app_metrics_minutely.status_2xx + EXCLUDED.status_2xx,
                    status_3xx = app_metrics_minutely.status_3xx + EXCLUDED.status_3xx,
                    status_4xx = app_metrics_minutely.status_4xx + EXCLUDED.status_4xx,
                    status_5xx = app_metrics_minutely.status_5xx + EXCLUDED.status_5xx,
                    bytes_in = app_metrics_minutely.bytes_in + EXCLUDED.bytes_in,
                    bytes_out = app_metrics_minutely.bytes_out + EXCLUDED.bytes_out,
                    open_streams = app_metrics_minutely.open_streams + EXCLUDED.open_streams,
                    latency_ms_sum = app_metrics_minutely.latency_ms_sum + EXCLUDED.latency_ms_sum,
                    latency_ms_p50 = greatest(app_metrics_minutely.latency_ms_p50, EXCLUDED.latency_ms_p50),
                    latency_ms_p95 = greatest(app_metrics_minutely.latency_ms_p95, EXCLUDED.latency_ms_p95),
                    latency_ms_p99 = greatest(app_metrics_minutely.latency_ms_p99, EXCLUDED.latency_ms_p99)
                """)
                .bind("app", appId).bind("minute", java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC))
                .bind("instance", instance).bind("requests", requests)
                .bind("s1", d[0]).bind("s2", d[1]).bind("s3", d[2]).bind("s4", d[3]).bind("s5", d[4])
                .bind("in", d[5]).bind("out", d[6]).bind("open", (int) m.openStreams()).bind("sum", d[7] / 1000.0)
                .bind("p50", LatencyHistogram.quantileMs(histDelta, 0.5))
                .bind("p95", LatencyHistogram.quantileMs(histDelta, 0.95))
                .bind("p99", LatencyHistogram.quantileMs(histDelta, 0.99))
                .execute();
    }

    private void writeMcp(Handle h, Instant minute, RouterMetrics.McpKey k, McpCallMetrics m, Map<Object, long[]> next) {
        long[] now = concat(new long[] {m.calls(), m.errors(), m.latency().sumMicros()}, m.latency().counts());
        long[] d = delta(now, lastMcp.get(k));
        next.put(k, now);
        if (d[0] == 0) {
            return;
        }
        long[] histDelta = java.util.Arrays.copyOfRange(d, 3, d.length);
        h.createUpdate("""
                INSERT INTO mcp_metrics_minutely (app_id, minute, method, tool, calls, errors, latency_ms_sum, latency_ms_p50,
                    latency_ms_p95, latency_ms_p99)
                SELECT :app, :minute, :method, :tool, :calls, :errors, :sum, :p50, :p95, :p99
                 WHERE EXISTS (SELECT 1 FROM apps WHERE id = :app)
                ON CONFLICT (app_id, minute, method, tool) DO UPDATE SET
                    calls = mcp_metrics_minutely.calls + EXCLUDED.calls,
                    errors = mcp_metrics_minutely.errors + EXCLUDED.errors,
                    latency_ms_sum = mcp_metrics_minutely.latency_ms_sum + EXCLUDED.latency_ms_sum,
                    latency_ms_p50 = greatest(mcp_metrics_minutely.latency_ms_p50, EXCLUDED.latency_ms_p50),
                    latency_ms_p95 = greatest(mcp_metrics_minutely.latency_ms_p95, EXCLUDED.latency_ms_p95),
                    latency_ms_p99 = greatest(mcp_metrics_minutely.latency_ms_p99, EXCLUDED.latency_ms_p99)
                """)
                .bind("app", k.appId()).bind("minute", java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC))
                .bind("method", k.method()).bind("tool", k.tool()).bind("calls", d[0]).bind("errors", d[1])
                .bind("sum", d[2] / 1000.0)
                .bind("p50", LatencyHistogram.quantileMs(histDelta, 0.5))
                .bind("p95", LatencyHistogram.quantileMs(histDelta, 0.95))
                .bind("p99", LatencyHistogram.quantileMs(histDelta, 0.99))
                .execute();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static long[] delta(long[] now, long[] before) {
        long[] d = now.clone();
        if (before != null) {
            for (int i = 0; i < d.length; i++) {
                d[i] -= before[i];
            }
        }
        return d;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            flush(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        } catch (RuntimeException e) {
            LOG.warn("Could not write the last minute of router metrics at shutdown", e);
        }
    }
}
