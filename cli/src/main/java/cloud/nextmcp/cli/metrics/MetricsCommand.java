package cloud.nextmcp.cli.metrics;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Request metrics of an app. Reads {@code totals} ({@code requests}, {@code status} counts per class,
 * {@code p50Ms}, {@code p95Ms}, {@code p99Ms}) and {@code methods} (per MCP method and tool); the per-minute series
 * is in {@code --json}.
 */
@Command(name = "metrics", description = "Show an app's request counts, status classes and latency, per MCP method and tool.")
public class MetricsCommand extends ApiCommand {

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "60",
            description = "The window, in minutes (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public MetricsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode metrics = api().get(appPath(name) + "/metrics?minutes=" + minutes);
        if (json.enabled()) {
            printJson(metrics);
            return;
        }
        JsonNode totals = metrics.path("totals");
        out().println("=== " + name + ", last " + minutes + " minutes");
        out().println("Requests: " + totals.path("requests").asLong() + statusClasses(totals.path("status")));
        out().println("Latency:  p50 " + millis(totals.path("p50Ms")) + ", p95 " + millis(totals.path("p95Ms"))
                + ", p99 " + millis(totals.path("p99Ms")));
        JsonNode methods = metrics.path("methods");
        if (methods.isEmpty()) {
            return;
        }
        out().println();
        Table table = new Table("method", "tool", "requests", "errors", "p50", "p95", "p99");
        methods.forEach(m -> table.row(text(m, "method"), text(m, "tool"), text(m, "requests"), text(m, "errors"),
                millis(m.path("p50Ms")), millis(m.path("p95Ms")),
                millis(m.path("p99Ms"))));
        table.print(out());
    }

    private static String statusClasses(JsonNode status) {
        List<String> parts = new ArrayList<>();
        status.fieldNames().forEachRemaining(cls -> parts.add(cls + " " + status.path(cls).asLong()));
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String millis(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        double ms = value.asDouble();
        return (ms == Math.rint(ms) ? String.valueOf((long) ms) : String.format(java.util.Locale.ROOT, "%.1f", ms))
                + " ms";
    }
}
