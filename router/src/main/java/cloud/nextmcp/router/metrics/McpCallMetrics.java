package cloud.nextmcp.router.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Calls of one MCP method (and tool, for tools/call) of one app. */
public final class McpCallMetrics {
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    public void completed(int status, long nanos) {
        calls.increment();
        if (status >= 400) {
            errors.increment();
        }
        latency.record(nanos);
    }

    public long calls() {
        return calls.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public LatencyHistogram latency() {
        return latency;
    }
}
