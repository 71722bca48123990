package cloud.nextmcp.cli.github;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "connect", description = "Connect the app to OWNER/REPO on GitHub (Member).")
public class GithubConnectCommand extends ApiCommand {

    @Parameters(paramLabel = "OWNER/REPO")
    String repository;

    @Mixin
    AppOption app;

    @Option(names = "--branch", paramLabel = "BRANCH",
            description = "The production branch (default: the repository's default branch).")
    String branch;

    @Option(names = "--previews", paramLabel = "MODE", defaultValue = "pr,branches",
            description = "Which previews to build: pr,branches (default), pr, branches or off.")
    String previews;

    public GithubConnectCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repository", repository);
        body.put("branch", branch);
        body.put("previews", previews);
        JsonNode c = api().put(appPath(name) + "/github", body);
        out().println("Connected " + name + " to " + text(c, "repository") + ": pushes to "
                + (c.path("branch").isNull() ? "the default branch" : text(c, "branch")) + " deploy; previews: " + text(c, "previews"));
        out().println("In the repository's Settings → Webhooks, add " + api().baseUrl().resolve(text(c, "webhookUrl"))
                + " (content type application/json, the platform's webhook secret, events: push and pull requests).");
    }
}
