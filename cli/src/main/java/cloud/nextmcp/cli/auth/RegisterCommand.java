package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "register", description = "Create an account (and its personal team) and log in.")
public class RegisterCommand extends ApiCommand {

    @Option(names = "--email", paramLabel = "EMAIL", description = "Your email (asked for when not given).")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "Your name, shown to your teams.")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    public RegisterCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Prompts prompts = new Prompts(context.environment());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", prompts.email(email));
        body.put("password", prompts.password(passwordStdin, true));
        if (name != null) {
            body.put("name", name);
        }
        ApiClient client = anonymousApi();
        JsonNode session = client.post("/auth/register", body);
        Credentials credentials = Credentials.fromSession(client.baseUrl().toString(), session);
        context.access().store().save(credentials);
        out().println("Registered and logged in to " + client.baseUrl() + " as " + credentials.email());
        out().println("Next: nextmcp keys add, then nextmcp apps create inside your project's git repo");
    }
}
