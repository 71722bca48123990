package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.http.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = "Log in with email and password, or with an API token.")
public class LoginCommand extends ApiCommand {

    @Option(names = "--email", paramLabel = "EMAIL", description = "Your email (asked for when not given).")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Log in with an API token (nmcp_…) instead.")
    String token;

    public LoginCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        if (token != null) {
            if (email != null || passwordStdin) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--token cannot be combined with --email or --password-stdin");
            }
            loginWithToken();
            return;
        }
        Prompts prompts = new Prompts(context.environment());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", prompts.email(email));
        body.put("password", prompts.password(passwordStdin, false));
        ApiClient client = anonymousApi();
        JsonNode session = client.post("/auth/login", body);
        Credentials credentials = Credentials.fromSession(client.baseUrl().toString(), session);
        context.access().store().save(credentials);
        out().println("Logged in to " + client.baseUrl() + " as " + credentials.email());
    }

    private void loginWithToken() {
        ApiClient client = context.access().withToken(apiOverride(), token.trim());
        JsonNode me = client.get("/users/me");
        String userEmail = text(me, "email");
        context.access().store().save(Credentials.fromApiToken(client.baseUrl().toString(), userEmail, token.trim()));
        out().println("Logged in to " + client.baseUrl() + " as " + userEmail + " (API token)");
    }
}
