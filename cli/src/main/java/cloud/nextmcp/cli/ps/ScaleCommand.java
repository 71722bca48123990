package cloud.nextmcp.cli.ps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.ApiClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "scale", description = "Set how many instances of a process type run, e.g. web=2.")
public class ScaleCommand extends ApiCommand {

    private static final Pattern FORMATION = Pattern.compile("([a-z][a-z0-9-]*)=(\\d{1,4})");

    @Parameters(arity = "1..*", paramLabel = "TYPE=N")
    List<String> formations;

    @Mixin
    AppOption app;

    public ScaleCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (String formation : formations) {
            Matcher matcher = FORMATION.matcher(formation);
            if (!matcher.matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "'" + formation + "' is not TYPE=N, e.g. web=2");
            }
            quantities.put(matcher.group(1), Integer.valueOf(matcher.group(2)));
        }
        String name = app(app);
        ApiClient api = api();
        for (Map.Entry<String, Integer> entry : quantities.entrySet()) {
            api.put(appPath(name) + "/formation/" + entry.getKey(), Map.of("quantity", entry.getValue()));
            out().println("Scaled " + name + " " + entry.getKey() + " to " + entry.getValue());
        }
    }
}
