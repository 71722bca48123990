package cloud.nextmcp.git.http;

import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.git.access.GitUser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * HTTP authentication of git clients by API token: as the password of HTTP Basic (any user
 * name, so {@code https://x:<token>@host/git/app.git} and credential helpers work) or as
 * {@code Authorization: Bearer <token>}.
 */
final class TokenAuthenticator {
    private final Jdbi jdbi;

    TokenAuthenticator(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The user of a live token in the header; empty when there is none or it is not valid. */
    Optional<GitUser> authenticate(String authorization) {
        return token(authorization)
                .flatMap(token -> jdbi.onDemand(ApiTokenDao.class).useByHash(Secrets.hash(token)))
                .flatMap(t -> jdbi.onDemand(UserDao.class).findById(t.userId()))
                .map(GitUser::of);
    }

    static Optional<String> token(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            return password.isEmpty() ? Optional.empty() : Optional.of(password);
        }
        return Optional.empty();
    }
}
