package cloud.nextmcp.cli.config;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "Set config vars; this makes a new release of the app.")
public class ConfigSetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @ParentCommand
    ConfigCommand parent;

    @Option(names = "--preview", paramLabel = "PREVIEW",
            description = "A preview of the app instead (pr-<n> or a branch preview, as listed by nextmcp previews).")
    String preview;

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> assignments;

    public ConfigSetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "'" + assignment + "' is not KEY=VALUE");
            }
            changes.put(ConfigKeys.validated(spec, assignment.substring(0, equals)), assignment.substring(equals + 1));
        }
        String name = ConfigTarget.of(app(app, parent.app), preview);
        api().patch(appPath(name) + "/config", changes);
        out().println("Set " + String.join(", ", changes.keySet()) + " on " + name
                + ": a new release is rolling out");
    }
}
