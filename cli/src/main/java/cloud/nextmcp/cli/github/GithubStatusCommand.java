package cloud.nextmcp.cli.github;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Details;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Show the app's GitHub connection.")
public class GithubStatusCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public GithubStatusCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode c = api().get(appPath(name) + "/github");
        if (json.enabled()) {
            printJson(c);
            return;
        }
        Details details = new Details(name + " on GitHub");
        details.field("repository", text(c, "repository"));
        details.field("production branch", c.path("branch").isNull() ? "(the repository's default branch)" : text(c, "branch"));
        details.field("previews", text(c, "previews"));
        details.field("webhook", api().baseUrl().resolve(text(c, "webhookUrl")).toString());
        details.print(out());
    }
}
