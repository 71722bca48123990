package cloud.nextmcp.api.access;

import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.ApiToken;
import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.TokenScope;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Finds the caller's own live API token a grant names; token names are per user, so only the caller's are searched. */
final class OwnTokens {
    private OwnTokens() {
    }

    /** The one live token of this user with this name and scope mcp, or a problem that says how to get one. */
    static ApiToken forGrant(Handle h, long userId, String name) {
        Instant now = Instant.now();
        // Expired tokens are left out: they can call nothing, and would make a name look ambiguous.
        List<ApiToken> named = h.attach(ApiTokenDao.class).listLive(userId).stream()
                .filter(t -> t.name().equals(name) && (t.expiresAt() == null || t.expiresAt().isAfter(now))).toList();
        if (named.isEmpty()) {
            throw ApiException.notFound("you have no live API token named '" + name + "'; see nextmcp tokens list, or create one with "
                    + "nextmcp tokens create " + name + " --app APP --scope mcp");
        }
        if (named.size() > 1) {
            // A grant must name exactly one token: guessing would let in a token the Admin did not mean.
            throw ApiException.conflict("you have " + named.size() + " live API tokens named '" + name + "' (ids "
                    + named.stream().map(t -> Long.toString(t.id())).collect(Collectors.joining(", "))
                    + "); revoke the ones you do not mean with nextmcp tokens revoke ID, then grant again");
        }
        ApiToken token = named.get(0);
        if (!Arrays.asList(token.scopes()).contains(TokenScope.MCP.dbValue())) {
            throw ApiException.invalid("API token '" + name + "' has no scope mcp, so it cannot call apps; create one with "
                    + "nextmcp tokens create NAME --app APP --scope mcp and grant that");
        }
        return token;
    }
}
