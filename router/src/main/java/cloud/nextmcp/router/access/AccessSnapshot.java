package cloud.nextmcp.router.access;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Who may call which private app, as of the last load: an immutable value read on the request
 * path, so authorizing a call never touches the database.
 *
 * @param privateApps private apps by app id
 * @param tokens      live API tokens by the hex SHA-256 of their secret
 * @param signingKeys the authorization server's published public keys by {@code kid}
 * @param consents    OAuth consents, as {@link #consentKey} values
 */
public record AccessSnapshot(Map<Long, PrivateApp> privateApps, Map<String, Token> tokens, Map<String, ECPublicKey> signingKeys,
                             Set<String> consents) {
    public static final AccessSnapshot EMPTY = new AccessSnapshot(Map.of(), Map.of(), Map.of(), Set.of());

    public AccessSnapshot {
        privateApps = Map.copyOf(privateApps);
        tokens = Map.copyOf(tokens);
        signingKeys = Map.copyOf(signingKeys);
        consents = Set.copyOf(consents);
    }

    public static String consentKey(long userId, String clientId, long appId) {
        return userId + " " + appId + " " + clientId;
    }

    /** A private app: the members of its team, the users granted access and the API tokens (by id) granted access. */
    public record PrivateApp(String teamName, Set<Long> members, Set<Long> grantees, Set<Long> grantedTokens) {
        public PrivateApp {
            members = Set.copyOf(members);
            grantees = Set.copyOf(grantees);
            grantedTokens = Set.copyOf(grantedTokens);
        }
    }

    /** An API token: its id, whose it is, the app it is bound to (null: none), whether it has scope mcp, and when it expires (null: never). */
    public record Token(long id, long userId, String email, Long appId, boolean mcp, Instant expiresAt) {
    }
}
