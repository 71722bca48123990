package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.github.WebhookSignature;
import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Previews page's GitHub section on a platform with GitHub set up: a Member connects, sees the
 * connection and its deliveries, and disconnects; a Viewer sees it without the forms and is refused.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardGithubTest {
    private static final String SECRET = "webhook secret of the dashboard test";
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"),
            ConfigOverride.config("github.webhookSecret", SECRET), ConfigOverride.config("github.token", "test-token"));

    private static ApiClient api;
    private static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    private static Reply push(String repo, String sha) {
        String payload = "{\"ref\":\"refs/heads/main\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\"" + sha
                + "\",\"deleted\":false,\"repository\":{\"id\":1,\"name\":\"" + repo.split("/")[1] + "\",\"full_name\":\""
                + repo + "\",\"default_branch\":\"main\"},\"pusher\":{\"name\":\"octo\"}}";
        String signature = new WebhookSignature(SECRET).sign(payload.getBytes(StandardCharsets.UTF_8));
        return api.raw("POST", "/api/v1/github/webhook", payload, "application/json", Map.of("X-GitHub-Event", "push",
                "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-Hub-Signature-256", signature));
    }

    @Test
    void aMemberConnectsSeesDeliveriesAndDisconnectsAViewerOnlyReads() {
        TeamApp t = TeamApp.create(api, jdbi);
        String page = "/apps/" + t.app() + "/previews";
        String repo = "octo-org/" + t.app();

        Browser viewer = Browser.loggedIn(APP.getLocalPort(), t.viewer());
        String seen = viewer.get(page).body();
        assertThat(seen).contains("Not connected").doesNotContain("previews/github\"").doesNotContain(">Connect<");

        Browser member = Browser.loggedIn(APP.getLocalPort(), t.member());
        assertThat(member.get(page).body()).contains(">Connect<").contains("value=\"pr,branches\" selected");
        HttpResponse<String> invalid = member.post(page + "/github",
                Map.of("repository", "not a repo", "branch", "", "previews", "pr", "csrf", member.csrfOf(page)));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("repository must be OWNER/REPO");

        HttpResponse<String> connected = member.post(page + "/github",
                Map.of("repository", repo, "branch", "", "previews", "pr", "csrf", member.csrfOf(page)));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);
        JsonNode status = api.get(t.path("/github"), t.viewer().token()).json();
        assertThat(status.path("repository").asText()).isEqualTo(repo);
        assertThat(status.path("branch").isNull()).as("an empty branch field means the default branch").isTrue();
        assertThat(status.path("previews").asText()).isEqualTo("pr");

        assertThat(push(repo, "c".repeat(40)).status()).isEqualTo(202);
        String shown = viewer.get(page).body();
        assertThat(shown).contains(repo).contains("the repository&#39;s default branch").contains("queued")
                .doesNotContain(">Disconnect<").doesNotContain("Not connected");
        HttpResponse<String> refused = viewer.post(page + "/github/disconnect", Map.of("csrf", viewer.csrfOf(page)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.get(t.path("/github"), t.viewer().token()).status()).as("still connected").isEqualTo(200);

        String asMember = member.get(page + "?notice=github-connected").body();
        assertThat(asMember).contains("Connected to GitHub").contains(">Disconnect<").contains(">Update<")
                .contains("value=\"pr\" selected");
        assertThat(api.put(t.path("/github"), Map.of("repository", repo, "previews", "branches"), t.member().token()).status())
                .isEqualTo(200);
        assertThat(member.get(page).body()).as("a mode set from the CLI stays chosen in the form")
                .contains("value=\"branches\" selected");
        HttpResponse<String> disconnected = member.post(page + "/github/disconnect", Map.of("csrf", member.csrfOf(page)));
        assertThat(disconnected.statusCode()).as(disconnected.body()).isEqualTo(303);
        assertThat(api.get(t.path("/github"), t.viewer().token()).status()).isEqualTo(404);
        assertThat(member.get(page).body()).contains("Not connected").doesNotContain(">Disconnect<");
    }
}
