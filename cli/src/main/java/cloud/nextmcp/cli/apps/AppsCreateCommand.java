package cloud.nextmcp.cli.apps;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.git.AppRemote;
import cloud.nextmcp.cli.git.GitRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = {
    "Create an app. Inside a git repo, also add the 'nextmcp' git remote (like heroku create).",
    "Without NAME the platform picks one, like brave-otter-42."})
public class AppsCreateCommand extends ApiCommand {

    @Parameters(arity = "0..1", paramLabel = "NAME",
            description = "The app's name: 3 to 32 lower-case letters, digits and dashes, starting with a letter.")
    String name;

    @Option(names = {"-t", "--team"}, paramLabel = "TEAM", description = "The owning team (default: your personal team).")
    String team;

    @Option(names = "--http", description = "Use the git-over-HTTP URL for the remote instead of SSH.")
    boolean http;

    @Mixin
    JsonOption json;

    public AppsCreateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, String> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (team != null) {
            body.put("team", team);
        }
        JsonNode app = api().post("/apps", body);
        String remoteUrl = text(app, http ? "gitHttpUrl" : "gitSshUrl");
        // With --json, stdout carries only the JSON; the remote's story goes to stderr.
        PrintWriter notes = json.enabled() ? err() : out();
        if (json.enabled()) {
            printJson(app);
        } else {
            out().println("Created app " + text(app, "name") + " in team " + text(app, "team"));
            out().println("Web URL:    " + text(app, "webUrl"));
            out().println("Git remote: " + remoteUrl);
        }
        addRemote(notes, remoteUrl, text(app, "deployBranch"));
    }

    private void addRemote(PrintWriter notes, String remoteUrl, String deployBranch) {
        GitRepository git = context.git();
        String branch = deployBranch.isEmpty() ? "main" : deployBranch;
        if (!git.exists()) {
            notes.println("Not inside a git repo: in your project, run git remote add "
                    + AppRemote.NAME + " " + remoteUrl);
            return;
        }
        Optional<String> existing = git.remoteUrl(AppRemote.NAME);
        if (existing.isPresent()) {
            notes.println("Git remote '" + AppRemote.NAME + "' already exists (" + existing.get()
                    + "); left unchanged. To deploy this app from here: git remote set-url "
                    + AppRemote.NAME + " " + remoteUrl);
            return;
        }
        git.addRemote(AppRemote.NAME, remoteUrl);
        notes.println("Added git remote '" + AppRemote.NAME + "'. Deploy with: git push " + AppRemote.NAME + " "
                + branch);
    }
}
