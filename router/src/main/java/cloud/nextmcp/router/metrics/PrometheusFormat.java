package cloud.nextmcp.router.metrics;

import java.util.Map;
import java.util.function.Function;

/** Renders {@link RouterMetrics} in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusFormat {
    private PrometheusFormat() {
    }

    public static String render(RouterMetrics metrics) {
        StringBuilder out = new StringBuilder(4096);
        traffic(out, "nextmcp_router_app", metrics.apps(), k -> "app=\"" + esc(k.app()) + "\"");
        traffic(out, "nextmcp_router_instance", metrics.instances(),
                k -> "app=\"" + esc(k.app()) + "\",instance=\"" + esc(k.instance()) + "\"");

        out.append("# HELP nextmcp_router_mcp_calls_total MCP calls by method and tool.\n# TYPE nextmcp_router_mcp_calls_total counter\n");
        metrics.mcp().forEach((k, m) -> out.append("nextmcp_router_mcp_calls_total{").append(mcpLabels(k)).append("} ").append(m.calls()).append('\n'));
        out.append("# HELP nextmcp_router_mcp_errors_total MCP calls answered with HTTP status >= 400.\n# TYPE nextmcp_router_mcp_errors_total counter\n");
        metrics.mcp().forEach((k, m) -> out.append("nextmcp_router_mcp_errors_total{").append(mcpLabels(k)).append("} ").append(m.errors()).append('\n'));
        out.append("# HELP nextmcp_router_mcp_call_duration_seconds MCP call latency until the response ended.\n# TYPE nextmcp_router_mcp_call_duration_seconds histogram\n");
        metrics.mcp().forEach((k, m) -> histogram(out, "nextmcp_router_mcp_call_duration_seconds", mcpLabels(k), m.latency()));

        out.append("# HELP nextmcp_router_refused_calls_total Calls to private apps refused at the edge, by reason.\n"
                + "# TYPE nextmcp_router_refused_calls_total counter\n");
        metrics.refusals().forEach((k, n) -> out.append("nextmcp_router_refused_calls_total{app=\"").append(esc(k.app()))
                .append("\",reason=\"").append(k.reason()).append("\"} ").append(n.sum()).append('\n'));
        out.append("# HELP nextmcp_router_unrouted_requests_total Requests for a host with no route.\n# TYPE nextmcp_router_unrouted_requests_total counter\n");
        out.append("nextmcp_router_unrouted_requests_total ").append(metrics.unroutedRequests()).append('\n');
        return out.toString();
    }

    private static <K> void traffic(StringBuilder out, String prefix, Map<K, TrafficMetrics> map, Function<K, String> labels) {
        out.append("# HELP ").append(prefix).append("_requests_total Requests by status class.\n# TYPE ").append(prefix).append("_requests_total counter\n");
        map.forEach((k, m) -> {
            for (int cls = 1; cls <= 5; cls++) {
                out.append(prefix).append("_requests_total{").append(labels.apply(k)).append(",status=\"").append(cls).append("xx\"} ").append(m.status(cls)).append('\n');
            }
        });
        out.append("# HELP ").append(prefix).append("_received_bytes_total Request body bytes from clients.\n# TYPE ").append(prefix).append("_received_bytes_total counter\n");
        map.forEach((k, m) -> out.append(prefix).append("_received_bytes_total{").append(labels.apply(k)).append("} ").append(m.bytesIn()).append('\n'));
        out.append("# HELP ").append(prefix).append("_sent_bytes_total Response body bytes to clients.\n# TYPE ").append(prefix).append("_sent_bytes_total counter\n");
        map.forEach((k, m) -> out.append(prefix).append("_sent_bytes_total{").append(labels.apply(k)).append("} ").append(m.bytesOut()).append('\n'));
        out.append("# HELP ").append(prefix).append("_open_streams Responses (SSE, WebSocket, long bodies) currently streaming.\n# TYPE ").append(prefix).append("_open_streams gauge\n");
        map.forEach((k, m) -> out.append(prefix).append("_open_streams{").append(labels.apply(k)).append("} ").append(m.openStreams()).append('\n'));
        out.append("# HELP ").append(prefix).append("_request_duration_seconds Time from request head to the end of the response.\n# TYPE ").append(prefix).append("_request_duration_seconds histogram\n");
        map.forEach((k, m) -> histogram(out, prefix + "_request_duration_seconds", labels.apply(k), m.latency()));
    }

    private static void histogram(StringBuilder out, String name, String labels, LatencyHistogram h) {
        long[] counts = h.counts();
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            String le = i < LatencyHistogram.BOUNDS_MS.length ? Double.toString(LatencyHistogram.BOUNDS_MS[i] / 1000.0) : "+Inf";
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        out.append(name).append("_sum{").append(labels).append("} ").append(h.sumMicros() / 1_000_000.0).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
    }

    private static String mcpLabels(RouterMetrics.McpKey k) {
        return "app=\"" + esc(k.app()) + "\",method=\"" + esc(k.method()) + "\",tool=\"" + esc(k.tool()) + "\"";
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
