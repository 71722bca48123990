package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.events.Channels;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Visibility, grants and app-bound tokens: who may change them, what they store, the audit rows and the NOTIFY. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrivateAppsApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    private static Notifications access() throws Exception {
        return new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), Channels.ACCESS);
    }

    @Test
    void adminsFlipVisibilityMembersCannotAndRoutersAreTold() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.get(t.path("/access"), t.viewer().token()).json().path("visibility").asText()).isEqualTo("public");
        assertProblem(api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.member().token()), 403, "admin");
        assertProblem(api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.outsider().token()), 404, "not found");
        assertProblem(api.put(t.path("/access/visibility"), Map.of("visibility", "secret"), t.owner().token()), 422, "public or private");
        try (Notifications n = access()) {
            Reply r = api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.owner().token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("visibility").asText()).isEqualTo("private");
            assertThat(n.payloads()).containsExactly(Long.toString(t.appId()));
        }
        assertThat(audit(t.app(), "app.visibility")).containsExactly("{\"to\": \"private\", \"from\": \"public\"}");
    }

    @Test
    void grantsAreListedRevokedAndAudited() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        ApiClient.User guest = t.outsider();
        assertProblem(api.post(t.path("/access/grants"), Map.of("email", guest.email()), t.member().token()), 403, "admin");
        assertProblem(api.post(t.path("/access/grants"), Map.of("email", "nobody@example.com"), t.owner().token()), 404, "register");
        try (Notifications n = access()) {
            Reply granted = api.post(t.path("/access/grants"), Map.of("email", guest.email()), t.owner().token());
            assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
            assertThat(granted.json().path("grants").get(0).path("email").asText()).isEqualTo(guest.email());
            assertThat(n.payloads()).containsExactly(Long.toString(t.appId()));
        }
        // A grantee may create a token for the app even though the app's API is not theirs to read.
        Reply token = api.post("/api/v1/tokens", Map.of("name", "guest", "app", t.app(), "scopes", List.of("mcp")), guest.token());
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        assertProblem(api.get(t.path("/access"), guest.token()), 404, "not found");
        assertThat(api.delete(t.path("/access/grants/" + guest.email()), t.owner().token()).json().path("grants")).isEmpty();
        assertProblem(api.delete(t.path("/access/grants/" + guest.email()), t.owner().token()), 404, "no grant");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "guest", "app", t.app()), guest.token()), 404, "not found");
        assertThat(audit(t.app(), "access.grant")).hasSize(1);
        assertThat(audit(t.app(), "access.revoke")).hasSize(1);
    }

    @Test
    void grantsToTheCallersOwnTokenByNameAreListedRevokedAndAudited() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        String owner = t.owner().token();
        long ci = api.post("/api/v1/tokens", Map.of("name", "ci", "app", t.app(), "scopes", List.of("mcp")), owner).json().path("id").asLong();
        api.post("/api/v1/tokens", Map.of("name", "laptop"), owner);
        assertProblem(api.post(t.path("/access/grants"), Map.of("token", "ci"), t.member().token()), 403, "admin");
        assertProblem(api.post(t.path("/access/grants"), Map.of("token", "nope"), owner), 404, "no live API token named 'nope'");
        assertProblem(api.post(t.path("/access/grants"), Map.of("token", "laptop"), owner), 422, "--scope mcp");
        assertProblem(api.post(t.path("/access/grants"), Map.of("token", "ci", "email", t.outsider().email()), owner), 422, "not both");
        try (Notifications n = access()) {
            Reply granted = api.post(t.path("/access/grants"), Map.of("token", "ci"), owner);
            assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
            JsonNode grant = granted.json().path("tokenGrants").get(0);
            assertThat(grant.path("tokenId").asLong()).isEqualTo(ci);
            assertThat(grant.path("tokenName").asText()).isEqualTo("ci");
            assertThat(grant.path("owner").asText()).isEqualTo(t.owner().email());
            assertThat(grant.has("token")).isFalse();
            assertThat(n.payloads()).containsExactly(Long.toString(t.appId()));
        }
        assertThat(api.get(t.path("/access"), t.viewer().token()).json().path("tokenGrants").get(0).path("tokenName").asText()).isEqualTo("ci");
        assertThat(api.delete(t.path("/access/token-grants/" + ci), owner).json().path("tokenGrants")).isEmpty();
        assertProblem(api.delete(t.path("/access/token-grants/" + ci), owner), 404, "no grant");
        assertThat(audit(t.app(), "access.grant")).containsExactly("{\"token\": \"ci\", \"tokenId\": " + ci + "}");
        assertThat(audit(t.app(), "access.revoke")).containsExactly("{\"tokenId\": " + ci + "}");
        // Two live tokens with one name: the grant refuses to guess and names their ids.
        long second = api.post("/api/v1/tokens", Map.of("name", "ci", "app", t.app(), "scopes", List.of("mcp")), owner).json().path("id").asLong();
        assertProblem(api.post(t.path("/access/grants"), Map.of("token", "ci"), owner), 409, "ids " + ci + ", " + second);
    }

    @Test
    void appBoundTokensHaveScopeMcpAndOpenNeitherTheApiNorGit() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        Reply created;
        try (Notifications n = access()) {
            created = api.post("/api/v1/tokens", Map.of("name", "ci", "app", t.app(), "scopes", List.of("mcp")), t.viewer().token());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(n.payloads()).hasSize(1);
        }
        JsonNode token = created.json();
        assertThat(token.path("app").asText()).isEqualTo(t.app());
        assertThat(token.path("scopes").toString()).isEqualTo("[\"mcp\"]");
        assertProblem(api.get("/api/v1/users/me", token.path("token").asText()), 401, "unknown, revoked or expired");
        JsonNode listed = api.get("/api/v1/tokens", t.viewer().token()).json();
        assertThat(listed.get(listed.size() - 1).path("app").asText()).isEqualTo(t.app());
        JsonNode plain = api.post("/api/v1/tokens", Map.of("name", "laptop"), t.viewer().token()).json();
        assertThat(plain.path("scopes").toString()).isEqualTo("[\"api\"]");
        assertThat(plain.path("app").isNull()).isTrue();
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "x", "scopes", List.of("mcp")), t.viewer().token()), 422, "needs an app");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "x", "app", t.app(), "scopes", List.of("api")), t.viewer().token()),
                422, "MCP calls only");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "x", "app", t.app(), "scopes", List.of("root")), t.viewer().token()),
                422, "api or mcp");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "x", "app", t.app()), t.outsider().token()), 404, "not found");
    }

    @Test
    void removingATeamMemberTellsTheRouters() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        try (Notifications n = access()) {
            assertThat(api.delete("/api/v1/teams/" + t.team() + "/members/" + t.viewer().email(), t.owner().token()).status()).isEqualTo(204);
            assertThat(n.payloads()).hasSize(1);
        }
    }

    private static List<String> audit(String target, String action) {
        return jdbi.withHandle(h -> h.createQuery("SELECT detail::text FROM audit_log WHERE target = :t AND action = :a ORDER BY id")
                .bind("t", target).bind("a", action).mapTo(String.class).list());
    }
}
