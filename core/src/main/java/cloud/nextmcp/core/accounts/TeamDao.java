package cloud.nextmcp.core.accounts;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Team.class)
@RegisterConstructorMapper(TeamMembership.class)
@RegisterConstructorMapper(Member.class)
public interface TeamDao {
    @SqlUpdate("INSERT INTO teams (name, personal) VALUES (:name, :personal)")
    @GetGeneratedKeys
    Team insert(@Bind("name") String name, @Bind("personal") boolean personal);

    @SqlQuery("SELECT * FROM teams WHERE name = :name")
    Optional<Team> findByName(@Bind("name") String name);

    @SqlQuery("SELECT * FROM teams WHERE id = :id")
    Optional<Team> findById(@Bind("id") long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM teams WHERE name = :name)")
    boolean nameTaken(@Bind("name") String name);

    @SqlUpdate("INSERT INTO memberships (team_id, user_id, role) VALUES (:teamId, :userId, :role)")
    void addMember(@Bind("teamId") long teamId, @Bind("userId") long userId, @Bind("role") String role);

    @SqlUpdate("UPDATE memberships SET role = :role WHERE team_id = :teamId AND user_id = :userId")
    int setRole(@Bind("teamId") long teamId, @Bind("userId") long userId, @Bind("role") String role);

    @SqlUpdate("DELETE FROM memberships WHERE team_id = :teamId AND user_id = :userId")
    int removeMember(@Bind("teamId") long teamId, @Bind("userId") long userId);

    @SqlQuery("SELECT t.id AS team_id, t.name AS team_name, t.personal, upper(m.role) AS role, t.created_at "
            + "FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.user_id = :userId ORDER BY t.name")
    List<TeamMembership> teamsOf(@Bind("userId") long userId);

    @SqlQuery("SELECT t.id AS team_id, t.name AS team_name, t.personal, upper(m.role) AS role, t.created_at "
            + "FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.user_id = :userId AND t.name = :team")
    Optional<TeamMembership> membership(@Bind("userId") long userId, @Bind("team") String team);

    @SqlQuery("SELECT u.id AS user_id, u.email, u.name, upper(m.role) AS role, m.created_at AS joined_at "
            + "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = :teamId ORDER BY u.email")
    List<Member> members(@Bind("teamId") long teamId);

    /** Locks the team's owner rows so that two concurrent demotions cannot leave a team without owners. */
    @SqlQuery("SELECT count(*) FROM (SELECT 1 FROM memberships WHERE team_id = :teamId AND role = 'owner' FOR UPDATE) o")
    int countOwnersForUpdate(@Bind("teamId") long teamId);
}
