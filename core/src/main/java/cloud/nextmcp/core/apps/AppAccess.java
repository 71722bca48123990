package cloud.nextmcp.core.apps;

import cloud.nextmcp.core.accounts.Role;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Authorization of a user on an app: the user's role in the app's team, or empty when the app
 * does not exist or the user is not in its team. Callers answer both cases the same way
 * ("not found"), so app names of other teams do not leak.
 */
public interface AppAccess {
    @SqlQuery("SELECT upper(m.role) FROM apps a JOIN memberships m ON m.team_id = a.team_id "
            + "WHERE a.name = :app AND m.user_id = :userId")
    Optional<Role> roleOn(@Bind("userId") long userId, @Bind("app") String app);
}
