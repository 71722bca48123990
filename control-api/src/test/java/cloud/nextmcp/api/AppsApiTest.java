package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.audit.AuditEntry;
import cloud.nextmcp.core.audit.AuditLog;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.db.ConnectionInfo;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.Releases;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@ExtendWith(DropwizardExtensionsSupport.class)
class AppsApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void createdAppShowsItsUrlsAndLivesInThePersonalTeam() {
        ApiClient.User ada = api.newUser("ada");

        Reply created = api.post("/api/v1/apps", Map.of("name", "weather"), ada.token());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode app = created.json();
        assertThat(app.path("name").asText()).isEqualTo("weather");
        assertThat(app.path("team").asText()).isEqualTo(ada.personalTeam());
        assertThat(app.path("role").asText()).isEqualTo("owner");
        assertThat(app.path("deployBranch").asText()).isEqualTo("main");
        assertThat(app.path("webUrl").asText()).isEqualTo("http://weather.localhost:8080/");
        assertThat(app.path("gitSshUrl").asText()).isEqualTo("ssh://git@localhost:2222/weather.git");
        assertThat(app.path("gitHttpUrl").asText()).isEqualTo("http://localhost:2280/git/weather.git");
        assertThat(Instant.parse(app.path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));

        assertThat(api.get("/api/v1/apps/weather", ada.token()).json()).isEqualTo(app);
        assertThat(api.get("/api/v1/apps", ada.token()).json()).containsExactly(app);
        assertThat(api.get("/api/v1/apps?team=" + ada.personalTeam(), ada.token()).json()).containsExactly(app);
        TestApiApplication application = APP.getApplication();
        List<String> routes = application.jdbi().withHandle(h -> h.createQuery(
                "SELECT kind FROM routes WHERE hostname = 'weather'").mapTo(String.class).list());
        assertThat(routes).containsExactly("production");
    }

    @Test
    void anAppWithoutANameGetsAGeneratedOne() {
        ApiClient.User bo = api.newUser("bo");

        Reply empty = api.post("/api/v1/apps", Map.of(), bo.token());
        Reply noBody = api.post("/api/v1/apps", null, bo.token());

        for (Reply reply : List.of(empty, noBody)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            assertThat(reply.json().path("name").asText()).matches("[a-z]+-[a-z]+-[0-9]{2}");
            assertThat(reply.json().path("team").asText()).isEqualTo(bo.personalTeam());
        }
        assertThat(empty.json().path("name").asText()).isNotEqualTo(noBody.json().path("name").asText());
    }

    @Test
    void appNamesFollowTheDnsLabelRulesAndArePlatformWideUnique() {
        ApiClient.User cy = api.newUser("cy");
        ApiClient.User di = api.newUser("di");

        assertProblem(api.post("/api/v1/apps", Map.of("name", "Weather"), cy.token()), 422, "must start with a lower-case letter");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "9lives"), cy.token()), 422, "must start with a lower-case letter");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "dash-"), cy.token()), 422, "not end with '-'");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "ab"), cy.token()), 422, "3 to 32 characters");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "a".repeat(33)), cy.token()), 422, "3 to 32 characters");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "pr-1--x"), cy.token()), 422, "'--'");

        assertThat(api.post("/api/v1/apps", Map.of("name", "forecast"), cy.token()).status()).isEqualTo(201);
        assertProblem(api.post("/api/v1/apps", Map.of("name", "forecast"), cy.token()), 409, "app name 'forecast' is taken");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "forecast"), di.token()), 409, "is taken");
        assertProblem(api.post("/api/v1/apps", Map.of("name", "other", "team", "no-such-team"), cy.token()), 404,
                "team 'no-such-team' not found");
        assertProblem(api.post("/api/v1/apps", "{\"name\": 42", cy.token()), 400, "not valid JSON");
    }

    @Test
    void appsOfOtherTeamsAreNotFoundNotForbidden() {
        ApiClient.User eve = api.newUser("eve");
        ApiClient.User fay = api.newUser("fay");
        assertThat(api.post("/api/v1/apps", Map.of("name", "secret-app"), eve.token()).status()).isEqualTo(201);

        Reply get = api.get("/api/v1/apps/secret-app", fay.token());
        Reply delete = api.delete("/api/v1/apps/secret-app", fay.token());
        Reply missing = api.get("/api/v1/apps/never-created", fay.token());

        assertProblem(get, 404, "app 'secret-app' not found");
        assertProblem(delete, 404, "app 'secret-app' not found");
        assertThat(get.json().path("detail").asText())
                .isEqualTo(missing.json().path("detail").asText().replace("never-created", "secret-app"));
        assertThat(api.get("/api/v1/apps/secret-app", eve.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/apps", fay.token()).json()).isEmpty();
    }

    @Test
    void createTellsTheRouterAtOnceAndDestroyTellsItAgain() throws Exception {
        ApiClient.User hal = api.newUser("hal");
        TestApiApplication application = APP.getApplication();
        ConnectionInfo db = application.database().connectionInfo();

        try (Connection listener = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN routes");
            }
            assertThat(api.post("/api/v1/apps", Map.of("name", "routed-at-once"), hal.token()).status()).isEqualTo(201);
            long appId = application.jdbi().withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = 'routed-at-once'")
                    .mapTo(Long.class).one());

            PGNotification[] created = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(created).isNotNull();
            assertThat(created).extracting(PGNotification::getParameter).containsExactly(Long.toString(appId));

            assertThat(api.delete("/api/v1/apps/routed-at-once", hal.token()).status()).isEqualTo(204);
            PGNotification[] destroyed = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(destroyed).isNotNull();
            assertThat(destroyed).extracting(PGNotification::getParameter).containsExactly(Long.toString(appId));
        }
    }

    @Test
    void destroyDeletesTheAppNotifiesAndIsAudited() throws Exception {
        ApiClient.User gus = api.newUser("gus");
        assertThat(api.post("/api/v1/apps", Map.of("name", "short-lived"), gus.token()).status()).isEqualTo(201);
        TestApiApplication application = APP.getApplication();
        long appId = application.jdbi().withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = 'short-lived'")
                .mapTo(Long.class).one());
        ConnectionInfo db = application.database().connectionInfo();

        try (Connection listener = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN apps");
            }
            assertThat(api.delete("/api/v1/apps/short-lived", gus.token()).status()).isEqualTo(204);

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(notifications).isNotNull();
            assertThat(notifications).extracting(PGNotification::getParameter).containsExactly(Long.toString(appId));
        }
        assertProblem(api.get("/api/v1/apps/short-lived", gus.token()), 404, "not found");
        int routes = application.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM routes WHERE app_id = :id")
                .bind("id", appId).mapTo(Integer.class).one());
        assertThat(routes).isZero();
        assertThat(api.post("/api/v1/apps", Map.of("name", "short-lived"), gus.token()).status()).as("name free again")
                .isEqualTo(201);

        long userId = api.get("/api/v1/users/me", gus.token()).json().path("id").asLong();
        List<AuditEntry> audit = application.jdbi().withHandle(h -> h.attach(AuditLog.class).byActor(userId, 10));
        assertThat(audit).extracting(AuditEntry::action)
                .containsExactly("app.create", "app.destroy", "app.create", "user.register");
        AuditEntry destroy = audit.get(1);
        assertThat(destroy.target()).isEqualTo("short-lived");
        assertThat(destroy.actorEmail()).isEqualTo(gus.email());
        assertThat(destroy.sourceIp()).isEqualTo("127.0.0.1");
        assertThat(destroy.detail()).contains("\"appId\": " + appId);
    }

    @Test
    void infoShowsTheProjectNameAndDescriptionOfTheLiveReleasesBuildAndNullOtherwise() {
        Jdbi jdbi = APP.<TestApiApplication>getApplication().jdbi();
        TeamApp t = TeamApp.create(api, jdbi);
        Releases releases = new Releases(jdbi, new ConfigVars(TestApiApplication.SECRET_BOX));
        assertThat(api.get(t.path(""), t.viewer().token()).json().path("projectName").isNull()).as("no release").isTrue();

        live(jdbi, releases, t, "1".repeat(40), "blog-server", "A blog management MCP server");
        JsonNode v1 = api.get(t.path(""), t.viewer().token()).json();
        assertThat(v1.path("projectName").asText()).isEqualTo("blog-server");
        assertThat(v1.path("projectDescription").asText()).isEqualTo("A blog management MCP server");
        assertThat(api.get("/api/v1/apps?team=" + t.team(), t.viewer().token()).json()).containsExactly(v1);

        live(jdbi, releases, t, "2".repeat(40), null, null);
        JsonNode v2 = api.get(t.path(""), t.viewer().token()).json();
        assertThat(v2.has("projectName") && v2.path("projectName").isNull()).as(v2.toString()).isTrue();
        assertThat(v2.has("projectDescription") && v2.path("projectDescription").isNull()).as(v2.toString()).isTrue();

        Reply rollback = api.post(t.path("/releases/rollback"), Map.of("version", 1), t.member().token());
        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(201);
        assertThat(api.get(t.path(""), t.viewer().token()).json()).as("v2 serves until v3 is live").isEqualTo(v2);
        jdbi.useHandle(h -> h.attach(ReleaseDao.class).markLive(t.appId(), rollback.json().path("version").asInt()));
        assertThat(api.get(t.path(""), t.viewer().token()).json()).isEqualTo(v1);
    }

    /** What the builder does: a build row with the artifact's project values, a release of it, made live. */
    private static void live(Jdbi jdbi, Releases releases, TeamApp t, String commit, String name, String description) {
        Build build = jdbi.withHandle(h -> h.attach(BuildDao.class).enqueue(t.appId(), commit, "refs/heads/main", null));
        jdbi.useHandle(h -> h.createUpdate("UPDATE builds SET project_name = :name, project_description = :description "
                + "WHERE id = :id").bind("name", name).bind("description", description).bind("id", build.id()).execute());
        Release release = releases.deploy(t.appId(), build.id(), commit.substring(0, 1).repeat(64), "Deploy", null);
        int madeLive = jdbi.withHandle(h -> h.attach(ReleaseDao.class).markLive(t.appId(), release.version()));
        assertThat(madeLive).isEqualTo(1);
    }
}
