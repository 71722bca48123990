package cloud.nextmcp.cli.tokens;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Revoke an API token by id or name.")
public class TokensRevokeCommand extends ApiCommand {

    @Parameters(paramLabel = "ID|NAME")
    String token;

    public TokensRevokeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        ApiClient api = api();
        String id = token.matches("\\d+") ? token : idByName(api);
        api.delete("/tokens/" + id);
        out().println("Revoked token " + token);
    }

    private String idByName(ApiClient api) {
        List<String> ids = new ArrayList<>();
        for (JsonNode candidate : api.get("/tokens")) {
            if (token.equals(text(candidate, "name"))) {
                ids.add(text(candidate, "id"));
            }
        }
        if (ids.isEmpty()) {
            throw new CliException("you have no token named " + token + ": see nextmcp tokens list");
        }
        if (ids.size() > 1) {
            throw new CliException(ids.size() + " tokens are named " + token + " (ids " + String.join(", ", ids)
                    + "): revoke one by id");
        }
        return ids.get(0);
    }
}
