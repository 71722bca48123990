package cloud.nextmcp.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** A team with an owner, a member, a viewer, plus an outsider in no team of theirs, and one app of the team. */
public record TeamApp(String team, String app, long appId, ApiClient.User owner, ApiClient.User member,
                      ApiClient.User viewer, ApiClient.User outsider) {
    private static final AtomicInteger TEAMS = new AtomicInteger();

    public static TeamApp create(ApiClient api, Jdbi jdbi) {
        int n = TEAMS.incrementAndGet();
        String team = "crew-" + n;
        ApiClient.User owner = api.newUser("owner");
        assertThat(api.post("/api/v1/teams", Map.of("name", team), owner.token()).status()).isEqualTo(201);
        ApiClient.User member = join(api, team, owner, "member");
        ApiClient.User viewer = join(api, team, owner, "viewer");
        String app = "crew-app-" + n;
        assertThat(api.post("/api/v1/apps", Map.of("name", app, "team", team), owner.token()).status()).isEqualTo(201);
        long appId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :name").bind("name", app)
                .mapTo(Long.class).one());
        return new TeamApp(team, app, appId, owner, member, viewer, api.newUser("outsider"));
    }

    private static ApiClient.User join(ApiClient api, String team, ApiClient.User by, String role) {
        ApiClient.User user = api.newUser(role);
        Reply added = api.post("/api/v1/teams/" + team + "/members", Map.of("email", user.email(), "role", role), by.token());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return user;
    }

    /** {@code /api/v1/apps/<app>} followed by {@code rest}. */
    public String path(String rest) {
        return "/api/v1/apps/" + app + rest;
    }

    public List<ApiClient.User> readers() {
        return List.of(owner, member, viewer);
    }

    public long userId(ApiClient api, ApiClient.User user) {
        return api.get("/api/v1/users/me", user.token()).json().path("id").asLong();
    }
}
