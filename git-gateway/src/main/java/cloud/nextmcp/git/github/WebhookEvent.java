package cloud.nextmcp.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The parts of GitHub's {@code push} and {@code pull_request} payloads the platform acts on. */
public sealed interface WebhookEvent {
    String ZERO_SHA = "0000000000000000000000000000000000000000";

    /** {@code ref} as in the payload ({@code refs/heads/x}, {@code refs/tags/v1}); {@code after} the new head. */
    record Push(String ref, String after, boolean deleted, String defaultBranch) implements WebhookEvent {
        public boolean isBranch() {
            return ref.startsWith("refs/heads/");
        }

        public String branch() {
            return ref.substring("refs/heads/".length());
        }
    }

    /** {@code headRef} is the PR's branch name; {@code headSha} its commit. */
    record PullRequest(String action, int number, String headSha, String headRef, boolean merged, String defaultBranch)
            implements WebhookEvent {
    }

    record Other(String event, String action) implements WebhookEvent {
    }

    /** @throws IllegalArgumentException when a push or pull_request payload lacks a field it must have */
    static WebhookEvent parse(ObjectMapper json, String event, String payload) throws IOException {
        JsonNode root = json.readTree(payload);
        String defaultBranch = text(root.path("repository"), "default_branch", false);
        switch (event) {
            case "push" -> {
                String after = text(root, "after", true);
                return new Push(text(root, "ref", true), after, root.path("deleted").asBoolean(false) || ZERO_SHA.equals(after),
                        defaultBranch);
            }
            case "pull_request" -> {
                JsonNode pr = root.path("pull_request");
                int number = root.path("number").asInt(pr.path("number").asInt(0));
                if (number <= 0) {
                    throw new IllegalArgumentException("pull_request payload without a number");
                }
                JsonNode head = pr.path("head");
                return new PullRequest(text(root, "action", true), number, sha(text(head, "sha", true)), text(head, "ref", true),
                        pr.path("merged").asBoolean(false), defaultBranch);
            }
            default -> {
                return new Other(event, text(root, "action", false));
            }
        }
    }

    private static String sha(String value) {
        if (!value.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("'" + value + "' is not a commit id");
        }
        return value;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            if (required) {
                throw new IllegalArgumentException("payload field '" + field + "' is missing");
            }
            return null;
        }
        return v.asText();
    }
}
