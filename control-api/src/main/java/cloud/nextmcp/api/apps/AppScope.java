package cloud.nextmcp.api.apps;

import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.teams.TeamAccess;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppAccess;
import cloud.nextmcp.core.apps.AppDao;
import org.jdbi.v3.core.Handle;

/**
 * An app as one caller may touch it: the app and the caller's role in its team. Apps of teams
 * the caller is not in are "not found", like apps that do not exist; a role too weak is 403.
 */
public record AppScope(App app, Role role) {

    /** The app, readable by any member of its team (Viewer or stronger). */
    public static AppScope of(Handle h, Caller caller, String name) {
        Role role = h.attach(AppAccess.class).roleOn(caller.userId(), name).orElseThrow(() -> notFound(name));
        App app = h.attach(AppDao.class).findByName(name).orElseThrow(() -> notFound(name));
        return new AppScope(app, role);
    }

    /** The app, when the caller's role is {@code needed} or stronger; {@code action} is named in the 403. */
    public static AppScope require(Handle h, Caller caller, String name, Role needed, String action) {
        AppScope scope = of(h, caller, name);
        TeamAccess.requireRole(scope.role(), needed, action, "the team of app '" + name + "'");
        return scope;
    }

    public long appId() {
        return app.id();
    }

    public static ApiException notFound(String name) {
        return ApiException.notFound("app '" + name + "' not found");
    }
}
