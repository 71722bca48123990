package cloud.nextmcp.git.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Payloads shaped like GitHub's documented examples (trimmed to the fields around what is read). */
class WebhookEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

    @Test
    void branchPush() throws Exception {
        String payload = """
                {"ref":"refs/heads/main","before":"9049f1265b7d61be4a8904a9a27120d2064dab3b","after":"%s",
                 "created":false,"deleted":false,"forced":false,"base_ref":null,
                 "compare":"https://github.com/Codertocat/Hello-World/compare/9049f1265b7d...0d1a26e67d8f",
                 "commits":[],"head_commit":{"id":"%s"},
                 "repository":{"id":186853002,"name":"Hello-World","full_name":"Codertocat/Hello-World","default_branch":"main",
                   "clone_url":"https://github.com/Codertocat/Hello-World.git"},
                 "pusher":{"name":"Codertocat","email":"21031067+Codertocat@users.noreply.github.com"}}
                """.formatted(SHA, SHA);
        WebhookEvent.Push push = (WebhookEvent.Push) WebhookEvent.parse(JSON, "push", payload);
        assertThat(push.isBranch()).isTrue();
        assertThat(push.branch()).isEqualTo("main");
        assertThat(push.after()).isEqualTo(SHA);
        assertThat(push.deleted()).isFalse();
        assertThat(push.defaultBranch()).isEqualTo("main");
    }

    @Test
    void tagPushesAndDeletionsAreRecognised() throws Exception {
        WebhookEvent.Push tag = (WebhookEvent.Push) WebhookEvent.parse(JSON, "push",
                "{\"ref\":\"refs/tags/v1.0\",\"after\":\"" + SHA + "\",\"deleted\":false,\"repository\":{}}");
        assertThat(tag.isBranch()).isFalse();
        WebhookEvent.Push deleted = (WebhookEvent.Push) WebhookEvent.parse(JSON, "push",
                "{\"ref\":\"refs/heads/feature-x\",\"after\":\"0000000000000000000000000000000000000000\",\"deleted\":true,"
                        + "\"repository\":{}}");
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.branch()).isEqualTo("feature-x");
    }

    @Test
    void pullRequest() throws Exception {
        String payload = """
                {"action":"opened","number":2,
                 "pull_request":{"url":"https://api.github.com/repos/Codertocat/Hello-World/pulls/2","id":279147437,"number":2,
                   "state":"open","locked":false,"title":"Update the README with new information.","merged":false,
                   "head":{"label":"Codertocat:changes","ref":"changes","sha":"%s",
                     "repo":{"full_name":"Codertocat/Hello-World"}},
                   "base":{"label":"Codertocat:master","ref":"master","sha":"f95f852bd8fca8fcc58a9a2d6c842781e32a215e"}},
                 "repository":{"id":186853002,"full_name":"Codertocat/Hello-World","default_branch":"master"}}
                """.formatted(SHA);
        WebhookEvent.PullRequest pr = (WebhookEvent.PullRequest) WebhookEvent.parse(JSON, "pull_request", payload);
        assertThat(pr.action()).isEqualTo("opened");
        assertThat(pr.number()).isEqualTo(2);
        assertThat(pr.headSha()).isEqualTo(SHA);
        assertThat(pr.headRef()).isEqualTo("changes");
        assertThat(pr.merged()).isFalse();
        assertThat(pr.defaultBranch()).isEqualTo("master");
    }

    @Test
    void otherEventsAndBrokenPayloads() throws Exception {
        assertThat(WebhookEvent.parse(JSON, "issues", "{\"action\":\"opened\"}"))
                .isEqualTo(new WebhookEvent.Other("issues", "opened"));
        assertThatThrownBy(() -> WebhookEvent.parse(JSON, "push", "{\"ref\":\"refs/heads/main\"}"))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> WebhookEvent.parse(JSON, "pull_request",
                "{\"action\":\"opened\",\"number\":3,\"pull_request\":{\"head\":{\"ref\":\"x\",\"sha\":\"; rm -rf /\"}}}"))
                .hasMessageContaining("not a commit id");
    }
}
