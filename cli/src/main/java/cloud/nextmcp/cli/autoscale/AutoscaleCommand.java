package cloud.nextmcp.cli.autoscale;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "autoscale", description = {
    "Autoscale an app's web instances between --min and --max on requests in flight; with --min 0 it sleeps",
    "when idle and the next request wakes it. Without options, shows the current settings."},
        subcommands = AutoscaleOffCommand.class)
public class AutoscaleCommand extends ApiCommand {

    @Option(names = "--min", paramLabel = "N", description = "Fewest web instances; 0 lets the app sleep when idle.")
    Integer min;

    @Option(names = "--max", paramLabel = "N", description = "Most web instances.")
    Integer max;

    @Option(names = "--idle", paramLabel = "PERIOD", description = "Sleep after this long without a request or open stream, e.g. 5m (default 5m).")
    String idle;

    @Option(names = "--concurrency", paramLabel = "N", description = "Target requests in flight per instance (default 20).")
    Integer concurrency;

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public AutoscaleCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode view;
        if (min == null && max == null && idle == null && concurrency == null) {
            view = api().get(appPath(name) + "/autoscale");
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            put(body, "min", min);
            put(body, "max", max);
            if (idle != null) {
                try {
                    body.put("idleSeconds", IdlePeriod.parse(idle));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--idle: " + e.getMessage());
                }
            }
            put(body, "concurrency", concurrency);
            view = api().put(appPath(name) + "/autoscale", body);
        }
        if (json.enabled()) {
            printJson(view);
            return;
        }
        out().println(name + " autoscaling: " + AutoscaleText.describe(view));
    }

    private static void put(Map<String, Object> body, String key, Integer value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    AppOption appOption() {
        return app;
    }
}
