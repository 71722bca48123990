package cloud.nextmcp.api.dashboard.session;

import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.core.accounts.RefreshToken;
import cloud.nextmcp.core.accounts.RefreshTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.UserDao;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The dashboard's session cookie holds the refresh token of a session the API's
 * {@code AuthService} started, so logging out (or a revoked family) ends it like any session.
 * Cookies are HttpOnly, SameSite=Lax and Secure whenever the dashboard is reached over HTTPS.
 */
public final class SessionCookies {
    public static final String SESSION = "nextmcp_session";
    /** Before sign-in there is no session to bind a CSRF token to: login and signup forms double-submit this one. */
    public static final String PRE_SESSION = "nextmcp_presession";

    private final Jdbi jdbi;
    private final Csrf csrf;
    private final Clock clock;
    private final boolean publicHttps;
    private final boolean trustForwardedProto;

    /**
     * @param publicHttps         the public API URL is https: cookies are Secure whatever the proxy says
     * @param trustForwardedProto believe {@code X-Forwarded-Proto} (the API trusts its proxy's headers)
     */
    public SessionCookies(Jdbi jdbi, Csrf csrf, Clock clock, boolean publicHttps, boolean trustForwardedProto) {
        this.jdbi = jdbi;
        this.csrf = csrf;
        this.clock = clock;
        this.publicHttps = publicHttps;
        this.trustForwardedProto = trustForwardedProto;
    }

    /** Whether the browser reached us over HTTPS, so cookies must be Secure. */
    public boolean secure(HttpServletRequest request) {
        return publicHttps || request.isSecure()
                || trustForwardedProto && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** The session of this cookie value, if it is a live one (not revoked, not rotated away, not expired). */
    public Optional<DashboardSession> resolve(String refreshToken) {
        if (refreshToken == null || !refreshToken.startsWith(Secrets.REFRESH_TOKEN_PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = Secrets.hash(refreshToken);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            Optional<RefreshToken> token = h.attach(RefreshTokenDao.class).findByHash(hash)
                    .filter(t -> t.revokedAt() == null && t.usedAt() == null && t.expiresAt().isAfter(now));
            return token.flatMap(t -> h.attach(UserDao.class).findById(t.userId()));
        }).map(user -> new DashboardSession(new Caller(user.id(), user.email()), refreshToken, csrf.tokenFor(hash)));
    }

    public boolean csrfMatches(DashboardSession session, String presented) {
        return csrf.matches(Secrets.hash(session.refreshToken()), presented);
    }

    public NewCookie session(String refreshToken, Instant expiresAt, boolean secure) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), expiresAt).getSeconds());
        return cookie(SESSION, refreshToken, (int) Math.min(Integer.MAX_VALUE, maxAge), secure);
    }

    public NewCookie preSession(String value, boolean secure) {
        return cookie(PRE_SESSION, value, (int) Duration.ofHours(12).getSeconds(), secure);
    }

    public NewCookie expired(String name, boolean secure) {
        return cookie(name, "", 0, secure);
    }

    private static NewCookie cookie(String name, String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
