package cloud.nextmcp.git.access;

import cloud.nextmcp.core.accounts.Role;

/** What a git connection wants to do with a repository, and the weakest role allowed to. */
public enum GitOperation {
    FETCH(Role.VIEWER),
    PUSH(Role.MEMBER);

    private final Role minimumRole;

    GitOperation(Role minimumRole) {
        this.minimumRole = minimumRole;
    }

    public Role minimumRole() {
        return minimumRole;
    }
}
