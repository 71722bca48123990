package cloud.nextmcp.router.access;

import cloud.nextmcp.core.accounts.Secrets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Decides whether a call may reach an app, from the in-memory {@link AccessSnapshot} only. Public
 * apps pass; a private app needs a Bearer API token with scope mcp bound to it or granted access to it, or an OAuth access
 * token with the app's URL as audience and a consent that still stands, whose user is in the app's
 * team or granted access right now.
 */
public final class CallAuthorizer {
    private static final String API_TOKEN_PREFIX = Secrets.API_TOKEN_PREFIX;
    private static final String BEARER = "bearer ";

    private final Supplier<AccessSnapshot> access;
    private final AccessFreshness freshness;
    private final Clock clock;
    private final JwtVerifier jwts;

    /**
     * @param freshness how fresh {@code access} is, to decide a refusal again on newer data
     * @param issuer    the authorization server (the API's public URL) that OAuth access tokens must name; null accepts any
     */
    public CallAuthorizer(Supplier<AccessSnapshot> access, AccessFreshness freshness, Clock clock, String issuer) {
        this.access = access;
        this.freshness = freshness;
        this.clock = clock;
        this.jwts = new JwtVerifier(issuer, clock);
    }

    public boolean isPrivate(long appId) {
        return access.get().privateApps().containsKey(appId);
    }

    /**
     * @param authorization the Authorization header, or null
     * @param uri           the request target as the client sent it (its query is checked for tokens)
     * @param resource      the app's canonical URL for this request, the audience an OAuth token must have (built only for those)
     */
    public Decision decide(long appId, String authorization, String uri, Supplier<String> resource) {
        AccessSnapshot snapshot = access.get();
        AccessSnapshot.PrivateApp app = snapshot.privateApps().get(appId);
        if (app == null) {
            return Decision.PUBLIC;
        }
        if (hasQueryToken(uri)) {
            return Decision.refused(Refusal.TOKEN_IN_QUERY);
        }
        if (authorization == null || authorization.isBlank()) {
            return Decision.refused(Refusal.NO_TOKEN);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Decision.refused(Refusal.BAD_TOKEN);
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (!token.startsWith(API_TOKEN_PREFIX)) {
            return byAccessToken(snapshot, app, appId, token, resource);
        }
        AccessSnapshot.Token t = snapshot.tokens().get(HexFormat.of().formatHex(Secrets.hash(token)));
        if (t == null || t.expiresAt() != null && !t.expiresAt().isAfter(clock.instant())) {
            return Decision.refused(Refusal.BAD_TOKEN);
        }
        if (!t.mcp()) {
            return Decision.refused(Refusal.INSUFFICIENT_SCOPE);
        }
        // A grant names this very token, so it opens the app whichever app the token is bound to and
        // whoever owns it; the owner gets no team identity from it.
        if (app.grantedTokens().contains(t.id())) {
            return Decision.allowed(t.email(), null);
        }
        if (t.appId() == null || t.appId() != appId) {
            return Decision.refused(Refusal.WRONG_AUDIENCE);
        }
        if (app.members().contains(t.userId())) {
            return Decision.allowed(t.email(), app.teamName());
        }
        if (app.grantees().contains(t.userId())) {
            return Decision.allowed(t.email(), null);
        }
        return Decision.refused(Refusal.NO_RIGHT);
    }

    /** An OAuth access token: signature, expiry, scope, audience, then the consent and the user's right as of now. */
    private Decision byAccessToken(AccessSnapshot snapshot, AccessSnapshot.PrivateApp app, long appId, String token,
                                   Supplier<String> resource) {
        JwtVerifier.Claims c = jwts.verify(token, snapshot.signingKeys());
        if (c == null) {
            return Decision.refused(Refusal.BAD_TOKEN);
        }
        if (!c.mcp()) {
            return Decision.refused(Refusal.INSUFFICIENT_SCOPE);
        }
        if (c.audience() == null || !c.audience().contains(resource.get())) {
            return Decision.refused(Refusal.WRONG_AUDIENCE);
        }
        if (c.clientId() == null || !snapshot.consents().contains(AccessSnapshot.consentKey(c.userId(), c.clientId(), appId))) {
            return Decision.refused(Refusal.NO_RIGHT);
        }
        if (app.members().contains(c.userId())) {
            return Decision.allowed(c.email(), app.teamName());
        }
        if (app.grantees().contains(c.userId())) {
            return Decision.allowed(c.email(), null);
        }
        return Decision.refused(Refusal.NO_RIGHT);
    }

    /**
     * Read your writes: when the refusal could be overturned by data the snapshot may predate (it
     * started loading before the call arrived), arranges for {@code decideAgain} to run on
     * {@code executor} once a newer snapshot is current, and returns true; else returns false.
     */
    public boolean decideAgainLater(Decision d, long arrivedNanos, Executor executor, Runnable decideAgain) {
        if (!d.refused() || !d.refusal().fresherDataMayAllow || !freshness.loadedBefore(arrivedNanos)) {
            return false;
        }
        freshness.afterReloadSince(arrivedNanos, executor, decideAgain);
        return true;
    }

    private static boolean hasQueryToken(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return false;
        }
        String query = uri.substring(q + 1).toLowerCase(Locale.ROOT);
        return query.startsWith("access_token=") || query.contains("&access_token=");
    }
}
