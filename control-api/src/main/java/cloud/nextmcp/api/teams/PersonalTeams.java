package cloud.nextmcp.api.teams;

import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.Team;
import cloud.nextmcp.core.accounts.TeamDao;
import java.util.Optional;
import java.util.Random;
import org.jdbi.v3.core.Handle;

/**
 * Creates the team every user gets at registration, with the user as its only Owner. Personal
 * teams keep that one member (see {@link TeamsResource}), so "my personal team" is unambiguous.
 */
public final class PersonalTeams {
    private static final String NAME_CONSTRAINT = "teams_name_key";
    private static final int SEQUENTIAL_ATTEMPTS = 20;
    private static final int RANDOM_ATTEMPTS = 20;

    private final Random random;

    public PersonalTeams(Random random) {
        this.random = random;
    }

    /** Inside the registration transaction: claims the first free name (base, base-2, …) and adds the owner. */
    public Team create(Handle handle, long userId, String email) {
        TeamDao teams = handle.attach(TeamDao.class);
        String base = TeamNames.personalBase(email);
        for (int attempt = 1; attempt <= SEQUENTIAL_ATTEMPTS + RANDOM_ATTEMPTS; attempt++) {
            String name = attempt <= SEQUENTIAL_ATTEMPTS
                    ? TeamNames.candidate(base, attempt)
                    : base + "-" + (1000 + random.nextInt(9000));
            Optional<Team> team = UniqueViolation.insertOrEmpty(handle, NAME_CONSTRAINT, () -> teams.insert(name, true));
            if (team.isPresent()) {
                teams.addMember(team.get().id(), userId, Role.OWNER.dbValue());
                return team.get();
            }
        }
        throw new IllegalStateException("No free personal team name near '" + base + "' after "
                + (SEQUENTIAL_ATTEMPTS + RANDOM_ATTEMPTS) + " attempts");
    }
}
