package cloud.nextmcp.cli.apps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "visibility", description = {"Show or set who may call the app: public (anyone) or private",
        "(its team and grantees, with a token; see nextmcp access). Setting needs Admin."})
public class AppsVisibilityCommand extends ApiCommand {

    @Parameters(arity = "0..1", paramLabel = "public|private")
    String visibility;

    @Mixin
    AppOption app;

    public AppsVisibilityCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        if (visibility == null) {
            out().println(text(api().get(appPath(name) + "/access"), "visibility"));
            return;
        }
        JsonNode access = api().put(appPath(name) + "/access/visibility", Map.of("visibility", visibility));
        out().println("App " + name + " is now " + text(access, "visibility"));
    }
}
