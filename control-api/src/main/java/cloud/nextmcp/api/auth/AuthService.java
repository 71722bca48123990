package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.audit.Actor;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.teams.PersonalTeams;
import cloud.nextmcp.core.accounts.RefreshToken;
import cloud.nextmcp.core.accounts.RefreshTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.Team;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts and sessions: register, log in, rotate refresh tokens, log out. */
public final class AuthService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final String EMAIL_CONSTRAINT = "users_email_key";
    private static final String INVALID_LOGIN = "invalid email or password";

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final PersonalTeams personalTeams;
    private final Auditor auditor;
    private final Clock clock;
    /** Checked when the e-mail is unknown, so that a wrong e-mail takes as long as a wrong password. */
    private final String decoyHash;

    public AuthService(Jdbi jdbi, PasswordHasher hasher, Sessions sessions, PersonalTeams personalTeams,
                       Auditor auditor, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.sessions = sessions;
        this.personalTeams = personalTeams;
        this.auditor = auditor;
        this.clock = clock;
        byte[] decoy = new byte[18];
        new SecureRandom().nextBytes(decoy);
        this.decoyHash = hasher.hash(Base64.getEncoder().encodeToString(decoy));
    }

    /** Creates the user, their personal team (as Owner) and a first session, all or nothing. */
    public SessionView register(String email, String password, String name, String sourceIp) {
        String hash = hasher.hash(password);
        try {
            return jdbi.inTransaction(h -> {
                User user = h.attach(UserDao.class).insert(email, name, hash);
                Team team = personalTeams.create(h, user.id(), email);
                auditor.record(h, new Actor(user.id(), email, sourceIp), "user.register", email,
                        Map.of("personalTeam", team.name()));
                return sessions.start(h, user);
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, EMAIL_CONSTRAINT)) {
                throw ApiException.conflict("an account with email " + email + " already exists; log in instead");
            }
            throw e;
        }
    }

    public SessionView login(String email, String password, String sourceIp) {
        User user = authenticate(email, password);
        return jdbi.inTransaction(h -> {
            auditor.record(h, new Actor(user.id(), user.email(), sourceIp), "auth.login", user.email(), Map.of());
            return sessions.start(h, user);
        });
    }

    /** The user with these credentials; a wrong e-mail and a wrong password fail alike, in about the same time. */
    public User authenticate(String email, String password) {
        Optional<User> found = jdbi.withHandle(h -> h.attach(UserDao.class).findByEmail(email));
        if (found.isEmpty()) {
            hasher.verify(password, decoyHash);
            throw ApiException.authenticationRequired(INVALID_LOGIN);
        }
        User user = found.get();
        if (!hasher.verify(password, user.passwordHash())) {
            throw ApiException.authenticationRequired(INVALID_LOGIN);
        }
        return user;
    }

    /** What a refresh attempt came to; decided inside the transaction, answered after it committed. */
    private sealed interface Refresh {
        record Rotated(SessionView session) implements Refresh {
        }

        record Refused(String detail) implements Refresh {
        }
    }

    /**
     * Spends {@code refreshToken} for a new session of the same family. A token that was spent
     * already means someone else holds a copy: the whole family is revoked (and that revocation
     * is committed even though the request is refused).
     */
    public SessionView refresh(String refreshToken, String sourceIp) {
        Refresh outcome = jdbi.inTransaction(h -> {
            RefreshTokenDao tokens = h.attach(RefreshTokenDao.class);
            Optional<RefreshToken> found = tokens.findByHashForUpdate(Secrets.hash(refreshToken));
            if (found.isEmpty()) {
                return new Refresh.Refused("this refresh token is not known; log in again (nextmcp login)");
            }
            RefreshToken token = found.get();
            if (token.revokedAt() != null) {
                return new Refresh.Refused("this session has ended; log in again (nextmcp login)");
            }
            User user = h.attach(UserDao.class).findById(token.userId()).orElseThrow();
            if (token.usedAt() != null) {
                int revoked = tokens.revokeFamily(token.family());
                LOG.warn("Spent refresh token of user {} presented again; revoked {} tokens of family {}",
                        user.id(), revoked, token.family());
                auditor.record(h, new Actor(user.id(), user.email(), sourceIp), "auth.refresh_reuse_detected",
                        user.email(), Map.of("family", token.family().toString(), "revokedTokens", revoked));
                return new Refresh.Refused("this refresh token was used before, so the session was ended to protect "
                        + "your account; log in again (nextmcp login)");
            }
            if (!token.expiresAt().isAfter(clock.instant())) {
                return new Refresh.Refused("your session has expired; log in again (nextmcp login)");
            }
            tokens.markUsed(token.id());
            return new Refresh.Rotated(sessions.continueFamily(h, user, token.family()));
        });
        if (outcome instanceof Refresh.Rotated rotated) {
            return rotated.session();
        }
        throw ApiException.authenticationRequired(((Refresh.Refused) outcome).detail());
    }

    /** Ends the session (the token's whole family). Unknown or already ended tokens are fine: the result is the same. */
    public void logout(String refreshToken, String sourceIp) {
        jdbi.useTransaction(h -> {
            RefreshTokenDao tokens = h.attach(RefreshTokenDao.class);
            Optional<RefreshToken> found = tokens.findByHashForUpdate(Secrets.hash(refreshToken));
            if (found.isEmpty() || found.get().revokedAt() != null) {
                return;
            }
            RefreshToken token = found.get();
            tokens.revokeFamily(token.family());
            User user = h.attach(UserDao.class).findById(token.userId()).orElseThrow();
            auditor.record(h, new Actor(user.id(), user.email(), sourceIp), "auth.logout", user.email(), Map.of());
        });
    }
}
