package cloud.nextmcp.router.access;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Array;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Reads private apps, their members, grantees and granted tokens, and the live API tokens, the OAuth signing keys and consents, in one transaction. */
public final class AccessLoader {
    private static final String APPS = "SELECT a.id, t.name FROM apps a JOIN teams t ON t.id = a.team_id WHERE a.visibility = 'private'";
    private static final String MEMBERS = "SELECT a.id, m.user_id FROM apps a JOIN memberships m ON m.team_id = a.team_id "
            + "WHERE a.visibility = 'private'";
    private static final String GRANTS = "SELECT g.app_id, g.user_id FROM app_grants g JOIN apps a ON a.id = g.app_id "
            + "WHERE a.visibility = 'private'";
    private static final String TOKEN_GRANTS = "SELECT g.app_id, g.token_id FROM app_token_grants g JOIN apps a ON a.id = g.app_id "
            + "WHERE a.visibility = 'private'";
    private static final String TOKENS = "SELECT t.id, t.token_hash, t.user_id, u.email, t.app_id, t.scopes, t.expires_at "
            + "FROM api_tokens t JOIN users u ON u.id = t.user_id "
            + "WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())";

    private static final String KEYS = "SELECT kid, public_key FROM oauth_signing_keys WHERE retires_at > now()";
    private static final String CONSENTS = "SELECT user_id, client_id, app_id FROM oauth_consents";

    private final Jdbi jdbi;

    public AccessLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public AccessSnapshot load() {
        return jdbi.inTransaction(h -> {
            Map<Long, String> teams = new HashMap<>();
            Map<Long, Set<Long>> members = new HashMap<>();
            Map<Long, Set<Long>> grantees = new HashMap<>();
            Map<Long, Set<Long>> grantedTokens = new HashMap<>();
            Map<String, AccessSnapshot.Token> tokens = new HashMap<>();
            h.createQuery(APPS).map((rs, ctx) -> teams.put(rs.getLong(1), rs.getString(2))).list();
            h.createQuery(MEMBERS).map((rs, ctx) -> members.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2))).list();
            h.createQuery(GRANTS).map((rs, ctx) -> grantees.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2))).list();
            h.createQuery(TOKEN_GRANTS)
                    .map((rs, ctx) -> grantedTokens.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2))).list();
            h.createQuery(TOKENS).map((rs, ctx) -> {
                Array scopes = rs.getArray("scopes");
                boolean mcp = scopes != null && Arrays.asList((Object[]) scopes.getArray()).contains("mcp");
                Timestamp expires = rs.getTimestamp("expires_at");
                Long appId = (Long) rs.getObject("app_id");
                return tokens.put(HexFormat.of().formatHex(rs.getBytes("token_hash")), new AccessSnapshot.Token(
                        rs.getLong("id"), rs.getLong("user_id"), rs.getString("email"), appId, mcp, expires == null ? null : expires.toInstant()));
            }).list();
            Map<String, ECPublicKey> keys = new HashMap<>();
            h.createQuery(KEYS).map((rs, ctx) -> keys.put(rs.getString(1), publicKey(rs.getBytes(2)))).list();
            Set<String> consents = new HashSet<>();
            h.createQuery(CONSENTS).map((rs, ctx) -> consents.add(AccessSnapshot.consentKey(rs.getLong(1), rs.getString(2), rs.getLong(3))))
                    .list();
            Map<Long, AccessSnapshot.PrivateApp> apps = new HashMap<>();
            teams.forEach((id, team) -> apps.put(id, new AccessSnapshot.PrivateApp(team,
                    members.getOrDefault(id, Set.of()), grantees.getOrDefault(id, Set.of()),
                    grantedTokens.getOrDefault(id, Set.of()))));
            return new AccessSnapshot(apps, tokens, keys, consents);
        });
    }

    private static ECPublicKey publicKey(byte[] der) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An OAuth signing key in the database cannot be read", e);
        }
    }
}
