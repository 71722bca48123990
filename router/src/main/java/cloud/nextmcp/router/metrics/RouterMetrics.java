package cloud.nextmcp.router.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * All counters of the router, keyed by app, by instance and by MCP method/tool. Written on the
 * request path (lock-free adders), read by the Prometheus endpoint and the per-minute summaries.
 */
public final class RouterMetrics {
    /** The label that stands for every method/tool pair of an app outside its {@code mcpLabelsPerApp} most called. */
    public static final String OTHER = "other";

    public record AppKey(long appId, String app) {
    }

    public record InstanceKey(long appId, String app, String instance) {
    }

    public record McpKey(long appId, String app, String method, String tool) {
    }

    private final Map<AppKey, TrafficMetrics> apps = new ConcurrentHashMap<>();
    private final Map<InstanceKey, TrafficMetrics> instances = new ConcurrentHashMap<>();
    private final Map<McpKey, McpCallMetrics> mcp = new ConcurrentHashMap<>();
    private final Map<Long, McpLabels> mcpLabels = new ConcurrentHashMap<>();
    private final LongAdder unrouted = new LongAdder();
    private final int mcpLabelsPerApp;
    private final long labelPeriodNanos;
    private final LongSupplier nanoClock;
    private final Map<RefusalKey, LongAdder> refusals = new ConcurrentHashMap<>();

    /** reason: a {@code Refusal} label, a fixed small set. */
    public record RefusalKey(long appId, String app, String reason) {
    }

    /**
     * mcpLabelsPerApp: how many distinct method/tool pairs of one app get their own series. Clients
     * choose the names, so without a cap one client could create unbounded series.
     */
    public RouterMetrics(int mcpLabelsPerApp) {
        this(mcpLabelsPerApp, Duration.ofMinutes(1), System::nanoTime);
    }

    /** labelPeriod: how often the most called unlabelled pairs may take the place of the least called labelled ones. */
    RouterMetrics(int mcpLabelsPerApp, Duration labelPeriod, LongSupplier nanoClock) {
        this.mcpLabelsPerApp = mcpLabelsPerApp;
        this.labelPeriodNanos = labelPeriod.toNanos();
        this.nanoClock = nanoClock;
    }

    public TrafficMetrics app(long appId, String app) {
        return apps.computeIfAbsent(new AppKey(appId, app), k -> new TrafficMetrics());
    }

    public TrafficMetrics instance(long appId, String app, String instance) {
        return instances.computeIfAbsent(new InstanceKey(appId, app, instance), k -> new TrafficMetrics());
    }

    public McpCallMetrics mcp(long appId, String app, String method, String tool) {
        McpKey key = new McpKey(appId, app, method, tool == null ? "" : tool);
        McpCallMetrics m = mcp.get(key);
        if (m != null) {
            return m;
        }
        m = mcpLabels.computeIfAbsent(appId, k -> new McpLabels(mcpLabelsPerApp, labelPeriodNanos, nanoClock))
                .admitOrTally(key, mcp);
        return m != null ? m : mcp.computeIfAbsent(new McpKey(appId, app, OTHER, ""), k -> new McpCallMetrics());
    }

    /** A request for a host with no route (404). */
    public void unrouted() {
        unrouted.increment();
    }

    /** A call to a private app refused at the edge. */
    public void refused(long appId, String app, String reason) {
        refusals.computeIfAbsent(new RefusalKey(appId, app, reason), k -> new LongAdder()).increment();
    }

    public Map<RefusalKey, LongAdder> refusals() {
        return refusals;
    }

    public Map<AppKey, TrafficMetrics> apps() {
        return apps;
    }

    public Map<InstanceKey, TrafficMetrics> instances() {
        return instances;
    }

    public Map<McpKey, McpCallMetrics> mcp() {
        return mcp;
    }

    public long unroutedRequests() {
        return unrouted.sum();
    }
}
