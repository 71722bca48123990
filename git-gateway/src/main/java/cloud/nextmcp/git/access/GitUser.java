package cloud.nextmcp.git.access;

import cloud.nextmcp.core.accounts.User;

/** The authenticated person behind a git connection: found by SSH key or API token. */
public record GitUser(long id, String email, String displayName) {
    public static GitUser of(User user) {
        String name = user.name() == null || user.name().isBlank() ? user.email() : user.name();
        return new GitUser(user.id(), user.email(), name);
    }
}
