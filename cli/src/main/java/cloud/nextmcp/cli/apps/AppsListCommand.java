package cloud.nextmcp.cli.apps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.http.PathSegment;
import cloud.nextmcp.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List the apps of all your teams.")
public class AppsListCommand extends ApiCommand {

    @Option(names = {"-t", "--team"}, paramLabel = "TEAM", description = "Only this team's apps.")
    String team;

    @Mixin
    JsonOption json;

    public AppsListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode apps = api().get(team == null ? "/apps" : "/apps?team=" + PathSegment.encode(team));
        if (json.enabled()) {
            printJson(apps);
            return;
        }
        if (apps.isEmpty()) {
            out().println("No apps yet. Create one with: nextmcp apps create");
            return;
        }
        Table table = new Table("name", "team", "role", "web url");
        apps.forEach(a -> table.row(text(a, "name"), text(a, "team"), text(a, "role"), text(a, "webUrl")));
        table.print(out());
    }
}
