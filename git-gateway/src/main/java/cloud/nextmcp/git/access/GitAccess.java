package cloud.nextmcp.git.access;

import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppAccess;
import cloud.nextmcp.core.apps.AppDao;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Authorization for both transports, checked before any pack data flows: Viewer and up may fetch
 * and clone, Member and up may push. Authentication (key or token) happens before, elsewhere.
 */
public final class GitAccess {
    private final Jdbi jdbi;

    public GitAccess(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public AppGrant authorize(GitUser user, String requestedRepo, GitOperation operation)
            throws RepositoryNotFound, AccessDenied {
        String appName = RepoName.appName(requestedRepo).orElseThrow(RepositoryNotFound::new);
        Role role = jdbi.onDemand(AppAccess.class).roleOn(user.id(), appName).orElseThrow(RepositoryNotFound::new);
        Optional<App> app = jdbi.onDemand(AppDao.class).findByName(appName);
        if (app.isEmpty()) {
            throw new RepositoryNotFound();
        }
        if (!role.atLeast(operation.minimumRole())) {
            throw new AccessDenied("you have read-only access to " + appName + " (role "
                    + role.dbValue() + "); pushing needs the " + operation.minimumRole().name().toLowerCase(Locale.ROOT)
                    + " role or higher: ask an owner or admin of team " + app.get().teamName());
        }
        return new AppGrant(user, app.get(), role, operation);
    }
}
