package cloud.nextmcp.api.oauth;

import cloud.nextmcp.api.audit.Actor;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.ClientAddress;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.oauth.AuthorizationCode;
import cloud.nextmcp.core.oauth.AuthorizationCodeDao;
import cloud.nextmcp.core.oauth.OAuthRefreshToken;
import cloud.nextmcp.core.oauth.OAuthRefreshTokenDao;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The token endpoint: a code and its PKCE verifier for an access token and a refresh token, and a
 * refresh token for new ones. Refresh tokens rotate on every use; one presented a second time
 * revokes its whole family (the API's rule for its own sessions).
 */
@Path("/oauth/token")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public final class TokenResource {
    private final Jdbi jdbi;
    private final AppAccessTokens accessTokens;
    private final Secrets secrets;
    private final Auditor auditor;
    private final ClientAddress clientAddress;
    private final Duration refreshTtl;
    private final Clock clock;

    TokenResource(Jdbi jdbi, AppAccessTokens accessTokens, Secrets secrets, Auditor auditor, ClientAddress clientAddress,
                  Duration refreshTtl, Clock clock) {
        this.jdbi = jdbi;
        this.accessTokens = accessTokens;
        this.secrets = secrets;
        this.auditor = auditor;
        this.clientAddress = clientAddress;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** Decided inside the transaction; a reuse's revocation commits even though the answer is an error. */
    private record Outcome(Map<String, Object> tokens, Response error) {
    }

    @POST
    public Response token(MultivaluedMap<String, String> form, @Context HttpServletRequest request) {
        String grant = form.getFirst("grant_type");
        Outcome outcome;
        if ("authorization_code".equals(grant)) {
            outcome = jdbi.inTransaction(h -> byCode(h, form));
        } else if ("refresh_token".equals(grant)) {
            outcome = jdbi.inTransaction(h -> byRefresh(h, form, clientAddress.of(request)));
        } else {
            return OAuthError.badRequest("unsupported_grant_type", "use authorization_code or refresh_token");
        }
        if (outcome.error() != null) {
            return outcome.error();
        }
        return Response.ok(outcome.tokens()).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private Outcome byCode(Handle h, MultivaluedMap<String, String> form) {
        String code = form.getFirst("code");
        String verifier = form.getFirst("code_verifier");
        if (code == null || verifier == null) {
            return failed("invalid_request", "code and code_verifier are required");
        }
        Optional<AuthorizationCode> spent = h.attach(AuthorizationCodeDao.class).spend(Secrets.hash(code));
        if (spent.isEmpty()) {
            return failed("invalid_grant", "the code is unknown, expired or used");
        }
        AuthorizationCode c = spent.get();
        String resource = form.getFirst("resource");
        if (!c.clientId().equals(form.getFirst("client_id")) || !c.redirectUri().equals(form.getFirst("redirect_uri"))) {
            return failed("invalid_grant", "client_id and redirect_uri must be those of the authorization request");
        }
        if (!s256(verifier).equals(c.codeChallenge())) {
            return failed("invalid_grant", "code_verifier does not match the code_challenge");
        }
        if (resource != null && !sameResource(resource, c.resource())) {
            return failed("invalid_target", "resource must be the one of the authorization request");
        }
        return issue(h, c.userId(), c.clientId(), c.appId(), c.resource(), UUID.randomUUID());
    }

    private Outcome byRefresh(Handle h, MultivaluedMap<String, String> form, String sourceIp) {
        String token = form.getFirst("refresh_token");
        if (token == null) {
            return failed("invalid_request", "refresh_token is required");
        }
        OAuthRefreshTokenDao dao = h.attach(OAuthRefreshTokenDao.class);
        Optional<OAuthRefreshToken> found = dao.findForUpdate(Secrets.hash(token));
        if (found.isEmpty() || found.get().revokedAt() != null || !found.get().expiresAt().isAfter(clock.instant())) {
            return failed("invalid_grant", "the refresh token is unknown, expired or revoked");
        }
        OAuthRefreshToken t = found.get();
        if (!t.clientId().equals(form.getFirst("client_id"))) {
            return failed("invalid_grant", "the refresh token belongs to another client");
        }
        if (t.usedAt() != null) {
            dao.revokeFamily(t.family());
            User user = h.attach(UserDao.class).findById(t.userId()).orElse(null);
            auditor.record(h, new Actor(t.userId(), user == null ? null : user.email(), sourceIp), "oauth.refresh_reuse_detected",
                    t.clientId(), Map.of("family", t.family().toString()));
            return failed("invalid_grant", "the refresh token was used before; every token of this grant is revoked");
        }
        dao.markUsed(t.id());
        return issue(h, t.userId(), t.clientId(), t.appId(), t.resource(), t.family());
    }

    private Outcome issue(Handle h, long userId, String clientId, long appId, String resource, UUID family) {
        User user = h.attach(UserDao.class).findById(userId).orElse(null);
        if (user == null) {
            return failed("invalid_grant", "the account no longer exists");
        }
        String refresh = secrets.newRefreshToken();
        h.attach(OAuthRefreshTokenDao.class).insert(Secrets.hash(refresh), family, clientId, userId, appId, resource,
                clock.instant().plus(refreshTtl));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessTokens.issue(userId, user.email(), clientId, resource));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokens.ttl().toSeconds());
        answer.put("refresh_token", refresh);
        answer.put("scope", "mcp");
        return new Outcome(answer, null);
    }

    private static boolean sameResource(String given, String canonical) {
        return given.equals(canonical) || (given + "/").equals(canonical);
    }

    private static Outcome failed(String error, String description) {
        return new Outcome(null, OAuthError.badRequest(error, description));
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
