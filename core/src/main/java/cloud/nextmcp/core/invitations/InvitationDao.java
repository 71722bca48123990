package cloud.nextmcp.core.invitations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code team_invitations} table; written only by the control API's invitations service. */
@RegisterConstructorMapper(Invitation.class)
public interface InvitationDao {
    String SELECT = "SELECT i.id, i.team_id, t.name AS team_name, i.email, upper(i.role) AS role, u.email AS invited_by, "
            + "i.created_at, i.expires_at, i.accepted_at, i.revoked_at "
            + "FROM team_invitations i JOIN teams t ON t.id = i.team_id LEFT JOIN users u ON u.id = i.invited_by ";

    @SqlQuery("INSERT INTO team_invitations (team_id, email, role, code_hash, invited_by, expires_at) "
            + "VALUES (:teamId, :email, :role, :hash, :invitedBy, :expiresAt) RETURNING id")
    long insert(@Bind("teamId") long teamId, @Bind("email") String email, @Bind("role") String role,
                @Bind("hash") byte[] hash, @Bind("invitedBy") long invitedBy, @Bind("expiresAt") Instant expiresAt);

    /** Ends the open invitation of this address to this team, if any (a new one replaces it). */
    @SqlUpdate("UPDATE team_invitations SET revoked_at = now() WHERE team_id = :teamId AND lower(email) = lower(:email) "
            + "AND accepted_at IS NULL AND revoked_at IS NULL")
    int revokeOpen(@Bind("teamId") long teamId, @Bind("email") String email);

    @SqlQuery(SELECT + "WHERE i.id = :id")
    Optional<Invitation> find(@Bind("id") long id);

    /** The invitation with this secret's hash, locked, so that two acceptances cannot both pass. */
    @SqlQuery(SELECT + "WHERE i.code_hash = :hash FOR UPDATE OF i")
    Optional<Invitation> findByHashForUpdate(@Bind("hash") byte[] hash);

    @SqlQuery(SELECT + "WHERE i.code_hash = :hash")
    Optional<Invitation> findByHash(@Bind("hash") byte[] hash);

    /** Invitations neither accepted nor revoked (expired ones included, so they can be seen and revoked). */
    @SqlQuery(SELECT + "WHERE i.team_id = :teamId AND i.accepted_at IS NULL AND i.revoked_at IS NULL ORDER BY i.created_at")
    List<Invitation> open(@Bind("teamId") long teamId);

    @SqlUpdate("UPDATE team_invitations SET revoked_at = now() WHERE id = :id AND team_id = :teamId "
            + "AND accepted_at IS NULL AND revoked_at IS NULL")
    int revoke(@Bind("teamId") long teamId, @Bind("id") long id);

    @SqlUpdate("UPDATE team_invitations SET accepted_at = now(), accepted_by = :userId WHERE id = :id "
            + "AND accepted_at IS NULL AND revoked_at IS NULL")
    int accept(@Bind("id") long id, @Bind("userId") long userId);
}
