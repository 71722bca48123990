package cloud.nextmcp.api.github;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.events.Channels;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The webhook endpoint and the connection API: signatures, stored deliveries, redeliveries, roles. */
@ExtendWith(DropwizardExtensionsSupport.class)
class GithubApiTest {
    private static final String SECRET = "webhook secret of the test";
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"),
            ConfigOverride.config("github.webhookSecret", SECRET), ConfigOverride.config("github.token", "test-token"));

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    private static Reply deliver(String event, String id, String payload, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", id);
        if (signature != null) {
            headers.put("X-Hub-Signature-256", signature);
        }
        return api.raw("POST", "/api/v1/github/webhook", payload, "application/json", headers);
    }

    private static String sign(String payload) {
        return new WebhookSignature(SECRET).sign(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String push(String repo, String sha) {
        return "{\"ref\":\"refs/heads/main\",\"before\":\"0000000000000000000000000000000000000000\",\"after\":\"" + sha
                + "\",\"deleted\":false,\"repository\":{\"id\":1,\"name\":\"" + repo.split("/")[1] + "\",\"full_name\":\"" + repo
                + "\",\"default_branch\":\"main\",\"clone_url\":\"https://evil.example/x.git\"},\"pusher\":{\"name\":\"octo\"}}";
    }

    private static int deliveries(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM github_deliveries WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).one());
    }

    @Test
    void aBadOrMissingSignatureIs401AndNothingIsStored() {
        String payload = push("octo/none", "a".repeat(40));
        String id = UUID.randomUUID().toString();
        Reply wrong = deliver("push", id, payload, new WebhookSignature("not the secret").sign(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.detail()).contains("X-Hub-Signature-256");
        assertThat(deliver("push", id, payload, null).status()).isEqualTo(401);
        assertThat(deliver("push", id, payload + " ", sign(payload)).status()).as("signature of other bytes").isEqualTo(401);
        assertThat(deliveries(id)).isZero();
    }

    @Test
    void pingAnswersAndAnUnknownRepositoryIsAcknowledgedAndIgnored() {
        String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        Reply pong = deliver("ping", UUID.randomUUID().toString(), ping, sign(ping));
        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.json().path("outcome").asText()).isEqualTo("pong");

        String payload = push("nobody/unknown-repo", "b".repeat(40));
        Reply ignored = deliver("push", UUID.randomUUID().toString(), payload, sign(payload));
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.json().path("status").asText()).isEqualTo("ignored");
        assertThat(ignored.json().path("outcome").asText()).contains("no app is connected to nobody/unknown-repo");
    }

    @Test
    void membersConnectAndADeliveryIsQueuedOnceForTheApp() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        String repo = "Octo-Org/" + t.app();
        Map<String, Object> body = Map.of("repository", repo, "previews", "pr");
        assertThat(api.put(t.path("/github"), body, t.viewer().token()).status()).isEqualTo(403);
        assertThat(api.put(t.path("/github"), body, t.outsider().token()).status()).isEqualTo(404);
        assertThat(api.put(t.path("/github"), Map.of("repository", "not a repo"), t.member().token()).status()).isEqualTo(422);
        assertThat(api.put(t.path("/github"), Map.of("repository", repo, "previews", "sometimes"), t.member().token()).status())
                .isEqualTo(422);
        Reply connected = api.put(t.path("/github"), body, t.member().token());
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().path("repository").asText()).isEqualTo(repo.toLowerCase());
        assertThat(connected.json().path("branch").isNull()).as("default branch of the repository").isTrue();
        assertThat(connected.json().path("previews").asText()).isEqualTo("pr");
        JsonNode status = api.get(t.path("/github"), t.viewer().token()).json();
        assertThat(status.path("repository").asText()).isEqualTo(repo.toLowerCase());

        String payload = push(repo, "c".repeat(40));
        String id = UUID.randomUUID().toString();
        try (Notifications n = new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), Channels.GITHUB)) {
            Reply queued = deliver("push", id, payload, sign(payload));
            assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
            assertThat(queued.json().path("status").asText()).isEqualTo("queued");
            assertThat(n.payloads()).containsExactly(id);
        }
        Reply again = deliver("push", id, payload, sign(payload));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(deliveries(id)).isEqualTo(1);

        JsonNode listed = api.get(t.path("/github/deliveries"), t.viewer().token()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).path("event").asText()).isEqualTo("push");
        assertThat(listed.get(0).path("status").asText()).isEqualTo("queued");

        TeamApp other = TeamApp.create(api, jdbi);
        Reply taken = api.put(other.path("/github"), Map.of("repository", repo), other.owner().token());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).contains("already connected");

        assertThat(api.delete(t.path("/github"), t.viewer().token()).status()).isEqualTo(403);
        assertThat(api.delete(t.path("/github"), t.member().token()).status()).isEqualTo(204);
        assertThat(api.get(t.path("/github"), t.owner().token()).status()).isEqualTo(404);
        assertThat(api.get(t.path("/previews"), t.viewer().token()).json()).isEmpty();
        assertThat(api.delete(t.path("/previews/pr-1"), t.member().token()).status()).isEqualTo(404);
    }
}
