package cloud.nextmcp.core.github;

import java.time.Instant;

/** An app connected to a GitHub repository ({@code owner/repo}, lower-case). */
public record GithubConnection(long appId, String repository, String productionBranch, String previews,
                               Long connectedBy, Instant createdAt) {
    public PreviewMode previewMode() {
        return PreviewMode.parse(previews);
    }
}
