package cloud.nextmcp.cli.config;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Details;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", description = "Show an app's config vars (values masked unless --reveal).",
        subcommands = {ConfigSetCommand.class, ConfigUnsetCommand.class})
public class ConfigCommand extends ApiCommand {

    static final String MASK = "********";

    @Mixin
    AppOption app;

    @Option(names = "--reveal", description = "Show the values.")
    boolean reveal;

    @Mixin
    JsonOption json;

    @Option(names = "--preview", paramLabel = "PREVIEW",
            description = "A preview of the app instead (pr-<n> or a branch preview, as listed by nextmcp previews).")
    String preview;

    public ConfigCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = ConfigTarget.of(app(app), preview);
        JsonNode config = api().get(appPath(name) + "/config");
        // Masked in --json too: a value must never reach a screen or a log by accident.
        if (!reveal && config instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(key -> object.put(key, MASK));
        }
        if (json.enabled()) {
            printJson(config);
            return;
        }
        if (config.isEmpty()) {
            out().println(name + " has no config vars. Set one with: nextmcp config set KEY=value");
            return;
        }
        Details details = new Details(name + " config vars");
        config.fieldNames().forEachRemaining(key -> details.field(key, text(config, key)));
        details.print(out());
    }
}
