package cloud.nextmcp.cli.access;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.PathSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Revoke a user's or a token's grant (Admin); routers refuse their calls within a second.")
public class AccessRevokeCommand extends ApiCommand {

    @Parameters(paramLabel = "EMAIL|TOKEN-NAME")
    String grantee;

    @Mixin
    AppOption app;

    public AccessRevokeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        if (Grantee.isEmail(grantee)) {
            api().delete(appPath(name) + "/access/grants/" + PathSegment.encode(grantee));
            out().println("Revoked " + grantee + "'s access to " + name);
            return;
        }
        api().delete(appPath(name) + "/access/token-grants/" + tokenId(name));
        out().println("Revoked token " + grantee + "'s access to " + name);
    }

    /** Token grants are revoked by id; the name is looked up among the app's grants, which may hold tokens of several owners. */
    private long tokenId(String appName) {
        List<JsonNode> named = new ArrayList<>();
        api().get(appPath(appName) + "/access").path("tokenGrants").forEach(g -> {
            if (grantee.equals(text(g, "tokenName"))) {
                named.add(g);
            }
        });
        if (named.isEmpty()) {
            throw new CliException("no token named '" + grantee + "' has a grant on " + appName + "; see nextmcp access list -a " + appName);
        }
        if (named.size() > 1) {
            throw new CliException("several tokens named '" + grantee + "' have a grant on " + appName + " (owners "
                    + String.join(", ", named.stream().map(g -> text(g, "owner")).toList())
                    + "); revoke the token itself with nextmcp tokens revoke ID");
        }
        return named.get(0).path("tokenId").asLong();
    }
}
