package cloud.nextmcp.router.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterMetricsTest {
    @Test
    void eachAppGetsAtMostItsCapOfMethodToolLabelsAndTheRestCountAsOther() {
        RouterMetrics metrics = new RouterMetrics(2);
        metrics.mcp(1, "a", "tools/call", "forecast").completed(200, 1_000);
        metrics.mcp(1, "a", "tools/list", null).completed(200, 1_000);
        for (int i = 0; i < 100; i++) {
            metrics.mcp(1, "a", "tools/call", "random-" + i).completed(200, 1_000);
        }
        metrics.mcp(1, "a", "tools/call", "forecast").completed(500, 1_000);
        metrics.mcp(2, "b", "tools/call", "forecast").completed(200, 1_000); // another app has its own cap

        assertThat(metrics.mcp()).hasSize(4);
        assertThat(metrics.mcp().get(new RouterMetrics.McpKey(1, "a", "other", "")).calls()).isEqualTo(100);
        assertThat(metrics.mcp().get(new RouterMetrics.McpKey(1, "a", "tools/call", "forecast")).errors()).isEqualTo(1);
        assertThat(metrics.mcp()).containsKey(new RouterMetrics.McpKey(2, "b", "tools/call", "forecast"));
    }
}
