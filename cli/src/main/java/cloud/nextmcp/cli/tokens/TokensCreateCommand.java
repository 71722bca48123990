package cloud.nextmcp.cli.tokens;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Times;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create an API token. It is shown once: the token alone goes to stdout.")
public class TokensCreateCommand extends ApiCommand {

    @Parameters(paramLabel = "NAME", description = "What the token is for, e.g. ci.")
    String name;

    @Option(names = "--expires-in-days", paramLabel = "DAYS", description = "Expire after DAYS days (default: never).")
    Integer expiresInDays;

    @Option(names = "--app", paramLabel = "APP",
            description = "Bind the token to APP: it then calls that app through the router (scope mcp) and opens neither the API nor git.")
    String appName;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "api (the default without --app) or mcp (the default, and the only one, with --app).")
    String scope;

    @Mixin
    JsonOption json;

    public TokensCreateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (expiresInDays != null) {
            body.put("expiresInDays", expiresInDays);
        }
        if (appName != null) {
            body.put("app", appName);
        }
        if (scope != null) {
            body.put("scopes", List.of(scope));
        }
        JsonNode token = api().post("/tokens", body);
        if (json.enabled()) {
            printJson(token);
            return;
        }
        // Only the token on stdout, so TOKEN=$(nextmcp tokens create ci) works; the notice goes to stderr.
        out().println(text(token, "token"));
        String expires = text(token, "expiresAt");
        err().println("Created token " + text(token, "name") + " ("
                + (expires.isEmpty() ? "never expires" : "expires " + Times.minute(expires))
                + "). Copy it now: it is not shown again.");
    }
}
