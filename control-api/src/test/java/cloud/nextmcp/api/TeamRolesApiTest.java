package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What each team role may do to the team's apps and members, and what outsiders see. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TeamRolesApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final AtomicInteger TEAMS = new AtomicInteger();

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    /** A team with one member of each role, an outsider, and one app. */
    record Team(String name, String app, ApiClient.User owner, ApiClient.User admin, ApiClient.User member,
                ApiClient.User viewer, ApiClient.User outsider) {
        List<ApiClient.User> members() {
            return List.of(owner, admin, member, viewer);
        }
    }

    private static Team team() {
        int n = TEAMS.incrementAndGet();
        String name = "acme-" + n;
        ApiClient.User owner = api.newUser("owner");
        assertThat(api.post("/api/v1/teams", Map.of("name", name), owner.token()).status()).isEqualTo(201);
        ApiClient.User admin = join(name, owner, "admin");
        ApiClient.User member = join(name, owner, "member");
        ApiClient.User viewer = join(name, owner, "viewer");
        String app = "acme-app-" + n;
        assertThat(api.post("/api/v1/apps", Map.of("name", app, "team", name), owner.token()).status()).isEqualTo(201);
        return new Team(name, app, owner, admin, member, viewer, api.newUser("outsider"));
    }

    private static ApiClient.User join(String team, ApiClient.User by, String role) {
        ApiClient.User user = api.newUser(role);
        Reply added = api.post("/api/v1/teams/" + team + "/members", Map.of("email", user.email(), "role", role), by.token());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().path("role").asText()).isEqualTo(role);
        return user;
    }

    @Test
    void everyRoleReadsAppsAndMembersOutsidersSeeNothing() {
        Team t = team();
        for (ApiClient.User u : t.members()) {
            Reply app = api.get("/api/v1/apps/" + t.app(), u.token());
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.json().path("team").asText()).isEqualTo(t.name());
            assertThat(api.get("/api/v1/teams/" + t.name() + "/members", u.token()).json()).hasSize(4);
            assertThat(api.get("/api/v1/apps?team=" + t.name(), u.token()).json()).hasSize(1);
            assertThat(api.get("/api/v1/apps", u.token()).json().findValuesAsText("name")).contains(t.app());
        }
        assertThat(api.get("/api/v1/apps/" + t.app(), t.viewer().token()).json().path("role").asText()).isEqualTo("viewer");

        assertProblem(api.get("/api/v1/apps/" + t.app(), t.outsider().token()), 404, "app '" + t.app() + "' not found");
        assertProblem(api.get("/api/v1/teams/" + t.name() + "/members", t.outsider().token()), 404, "not found");
        assertProblem(api.get("/api/v1/apps?team=" + t.name(), t.outsider().token()), 404, "not found");
        assertThat(api.get("/api/v1/apps", t.outsider().token()).json().findValuesAsText("name")).doesNotContain(t.app());
    }

    @Test
    void creatingAppsNeedsMemberOrHigher() {
        Team t = team();
        assertProblem(api.post("/api/v1/apps", Map.of("name", t.app() + "-v", "team", t.name()), t.viewer().token()), 403,
                "your role in team '" + t.name() + "' is viewer; creating apps needs member or higher");
        List<String> created = new ArrayList<>();
        for (ApiClient.User u : List.of(t.member(), t.admin(), t.owner())) {
            Reply reply = api.post("/api/v1/apps", Map.of("team", t.name()), u.token());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            created.add(reply.json().path("name").asText());
        }
        assertProblem(api.post("/api/v1/apps", Map.of("team", t.name()), t.outsider().token()), 404, "not found");
        assertThat(api.get("/api/v1/apps?team=" + t.name(), t.viewer().token()).json().findValuesAsText("name"))
                .containsAll(created).hasSize(4);
    }

    @Test
    void destroyingAppsNeedsAdminOrHigherAndOutsidersGet404() {
        Team t = team();
        assertProblem(api.delete("/api/v1/apps/" + t.app(), t.outsider().token()), 404, "app '" + t.app() + "' not found");
        assertProblem(api.delete("/api/v1/apps/" + t.app(), t.viewer().token()), 403, "destroying apps needs admin");
        assertProblem(api.delete("/api/v1/apps/" + t.app(), t.member().token()), 403,
                "your role in the team of app '" + t.app() + "' is member");
        assertThat(api.get("/api/v1/apps/" + t.app(), t.member().token()).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/apps/" + t.app(), t.admin().token()).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/apps/" + t.app(), t.owner().token()), 404, "not found");

        String second = api.post("/api/v1/apps", Map.of("team", t.name()), t.member().token()).json().path("name").asText();
        assertThat(api.delete("/api/v1/apps/" + second, t.owner().token()).status()).isEqualTo(204);
    }

    @Test
    void managingMembersNeedsAdminAndOwnersAreManagedByOwners() {
        Team t = team();
        ApiClient.User newcomer = api.newUser("newcomer");
        ApiClient.User another = api.newUser("another");
        String members = "/api/v1/teams/" + t.name() + "/members";

        assertProblem(api.post(members, Map.of("email", newcomer.email(), "role", "viewer"), t.viewer().token()), 403,
                "adding members needs admin");
        assertProblem(api.post(members, Map.of("email", newcomer.email(), "role", "viewer"), t.member().token()), 403,
                "adding members needs admin");
        assertProblem(api.post(members, Map.of("email", newcomer.email(), "role", "owner"), t.admin().token()), 403,
                "adding an owner needs owner");
        assertProblem(api.post(members, Map.of("email", newcomer.email()), t.outsider().token()), 404, "not found");
        Reply added = api.post(members, Map.of("email", newcomer.email()), t.admin().token());
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("role").asText()).isEqualTo("member");
        assertThat(api.post(members, Map.of("email", another.email(), "role", "owner"), t.owner().token()).status())
                .isEqualTo(201);

        assertProblem(api.put(members + "/" + newcomer.email(), Map.of("role", "admin"), t.member().token()), 403,
                "changing roles needs admin");
        assertThat(api.put(members + "/" + newcomer.email(), Map.of("role", "admin"), t.admin().token()).json()
                .path("role").asText()).isEqualTo("admin");
        assertProblem(api.put(members + "/" + newcomer.email(), Map.of("role", "owner"), t.admin().token()), 403,
                "granting or revoking the owner role needs owner");
        assertProblem(api.put(members + "/" + t.owner().email(), Map.of("role", "member"), t.admin().token()), 403,
                "needs owner");

        assertProblem(api.delete(members + "/" + t.viewer().email(), t.member().token()), 403, "removing members needs admin");
        assertProblem(api.delete(members + "/" + another.email(), t.admin().token()), 403, "removing an owner needs owner");
        assertThat(api.delete(members + "/" + newcomer.email(), t.admin().token()).status()).isEqualTo(204);
        assertThat(api.delete(members + "/" + t.viewer().email(), t.viewer().token()).status()).as("leaving").isEqualTo(204);
        assertThat(api.delete(members + "/" + another.email(), t.owner().token()).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/apps/" + t.app(), t.viewer().token()), 404, "not found");

        assertThat(api.get(members, t.owner().token()).json().findValuesAsText("email"))
                .containsExactlyInAnyOrder(t.owner().email(), t.admin().email(), t.member().email());
        assertThat(auditActions(t.admin().email())).contains("team.member.add", "team.member.role", "team.member.remove");
    }

    @Test
    void aTeamKeepsAtLeastOneOwner() {
        Team t = team();
        String members = "/api/v1/teams/" + t.name() + "/members";
        String owner = members + "/" + t.owner().email();

        assertProblem(api.put(owner, Map.of("role", "admin"), t.owner().token()), 409, "a team needs at least one owner");
        assertProblem(api.delete(owner, t.owner().token()), 409, "a team needs at least one owner");

        assertThat(api.put(members + "/" + t.admin().email(), Map.of("role", "owner"), t.owner().token()).status())
                .isEqualTo(200);
        assertThat(api.put(owner, Map.of("role", "viewer"), t.owner().token()).json().path("role").asText())
                .isEqualTo("viewer");
        assertProblem(api.delete(members + "/" + t.admin().email(), t.admin().token()), 409, "at least one owner");
        assertProblem(api.put(owner, Map.of("role", "owner"), t.owner().token()), 403, "changing roles needs admin");
    }

    @Test
    void teamAndMemberInputIsChecked() {
        Team t = team();
        String members = "/api/v1/teams/" + t.name() + "/members";
        ApiClient.User solo = api.newUser("solo");

        assertProblem(api.post("/api/v1/teams", Map.of("name", "Bad_Name"), solo.token()), 422, "team name 'Bad_Name'");
        assertProblem(api.post("/api/v1/teams", Map.of("name", "ab"), solo.token()), 422, "3 to 32 characters");
        assertProblem(api.post("/api/v1/teams", Map.of("name", t.name()), solo.token()), 409, "is taken");
        assertProblem(api.post("/api/v1/teams", Map.of(), solo.token()), 422, "'name' is required");

        assertProblem(api.post(members, Map.of("email", "ghost@example.com"), t.owner().token()), 404,
                "no user with email ghost@example.com");
        assertProblem(api.post(members, Map.of("email", t.member().email()), t.owner().token()), 409, "already a member");
        assertProblem(api.post(members, Map.of("email", solo.email(), "role", "boss"), t.owner().token()), 422,
                "use owner, admin, member or viewer");
        assertProblem(api.put(members + "/" + solo.email(), Map.of("role", "admin"), t.owner().token()), 404,
                "is not a member");
        assertProblem(api.post("/api/v1/teams/" + solo.personalTeam() + "/members", Map.of("email", t.owner().email()),
                solo.token()), 422, "personal team");

        JsonNode teams = api.get("/api/v1/teams", t.owner().token()).json();
        assertThat(teams.findValuesAsText("name")).contains(t.name(), t.owner().personalTeam());
        for (JsonNode team : teams) {
            assertThat(team.path("role").asText()).isEqualTo("owner");
            assertThat(team.path("personal").asBoolean()).isEqualTo(team.path("name").asText().equals(t.owner().personalTeam()));
        }
        assertThat(auditActions(t.owner().email())).contains("team.create");
    }

    private static List<String> auditActions(String email) {
        TestApiApplication app = APP.getApplication();
        return app.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE actor_email = :email ORDER BY id")
                .bind("email", email).mapTo(String.class).list());
    }
}
