package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "whoami", description = "Show the account you are logged in as.")
public class WhoamiCommand extends ApiCommand {

    @Mixin
    JsonOption json;

    public WhoamiCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode me = api().get("/users/me");
        if (json.enabled()) {
            printJson(me);
            return;
        }
        out().println(text(me, "email"));
    }
}
