package cloud.nextmcp.cli.config;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "unset", description = "Remove config vars; this makes a new release of the app.")
public class ConfigUnsetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @ParentCommand
    ConfigCommand parent;

    @Option(names = "--preview", paramLabel = "PREVIEW",
            description = "A preview of the app instead (pr-<n> or a branch preview, as listed by nextmcp previews).")
    String preview;

    @Parameters(arity = "1..*", paramLabel = "KEY")
    List<String> keys;

    public ConfigUnsetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        // A JSON null removes the key (the API's PATCH semantics).
        Map<String, String> changes = new LinkedHashMap<>();
        keys.forEach(key -> changes.put(ConfigKeys.validated(spec, key), null));
        String name = ConfigTarget.of(app(app, parent.app), preview);
        api().patch(appPath(name) + "/config", changes);
        out().println("Unset " + String.join(", ", changes.keySet()) + " on " + name
                + ": a new release is rolling out");
    }
}
