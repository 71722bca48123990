package cloud.nextmcp.router.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void junkNamesSentFirstLoseTheirLabelsToTheToolsActuallyCalledAfterAPeriod() {
        AtomicLong now = new AtomicLong();
        RouterMetrics metrics = new RouterMetrics(3, Duration.ofMinutes(1), now::get);
        for (int i = 0; i < 3; i++) {
            metrics.mcp(1, "a", "tools/call", "junk-" + i).completed(200, 1_000);
        }
        for (int i = 0; i < 40; i++) {
            metrics.mcp(1, "a", "tools/call", "forecast").completed(200, 1_000);
            metrics.mcp(1, "a", "tools/call", "junk-" + (100 + i)).completed(200, 1_000); // a flood of one-off names
            if (i % 2 == 0) {
                metrics.mcp(1, "a", "tools/list", null).completed(200, 1_000);
            }
        }
        metrics.mcp(1, "a", "tools/call", "junk-0").completed(200, 1_000);
        assertThat(metrics.mcp()).as("within the period the first three keep their series")
                .containsKeys(key("junk-0"), key("junk-1"), key("junk-2")).doesNotContainKey(key("forecast"));

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        metrics.mcp(1, "a", "tools/call", "forecast").completed(200, 1_000);
        assertThat(metrics.mcp()).as("after it the most called unlabelled pairs replace the least called labelled ones")
                .containsKeys(key("forecast"), new RouterMetrics.McpKey(1, "a", "tools/list", ""), key("junk-0"))
                .doesNotContainKeys(key("junk-1"), key("junk-2"));
        assertThat(metrics.mcp().keySet().stream().filter(k -> k.appId() == 1 && !k.method().equals("other"))).hasSize(3);
        metrics.mcp(1, "a", "tools/call", "forecast").completed(200, 1_000);
        assertThat(metrics.mcp().get(key("forecast")).calls()).as("a promoted pair's series starts at its promotion").isEqualTo(2);
        assertThat(metrics.mcp().get(new RouterMetrics.McpKey(1, "a", "other", "")).calls()).isEqualTo(40 + 40 + 20);
    }

    private static RouterMetrics.McpKey key(String tool) {
        return new RouterMetrics.McpKey(1, "a", "tools/call", tool);
    }
}
