package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Table;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "Show the app's visibility and the users and API tokens granted access.")
public class AccessListCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public AccessListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode access = api().get(appPath(name) + "/access");
        if (json.enabled()) {
            printJson(access);
            return;
        }
        out().println("App " + name + " is " + text(access, "visibility") + "; members of its team may call it.");
        JsonNode grants = access.path("grants");
        JsonNode tokenGrants = access.path("tokenGrants");
        if (grants.isEmpty() && tokenGrants.isEmpty()) {
            out().println("No grants. Add one with: nextmcp access grant EMAIL|TOKEN-NAME -a " + name);
            return;
        }
        if (!grants.isEmpty()) {
            Table table = new Table("email", "granted by", "granted");
            grants.forEach(g -> table.row(text(g, "email"), text(g, "grantedBy"), Times.minute(text(g, "createdAt"))));
            table.print(out());
        }
        if (!tokenGrants.isEmpty()) {
            if (!grants.isEmpty()) {
                out().println();
            }
            Table table = new Table("token", "owner", "granted by", "granted");
            tokenGrants.forEach(g -> table.row(text(g, "tokenName"), text(g, "owner"), text(g, "grantedBy"),
                    Times.minute(text(g, "createdAt"))));
            table.print(out());
        }
    }
}
