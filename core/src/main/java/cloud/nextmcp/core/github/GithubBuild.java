package cloud.nextmcp.core.github;

/** A build started from GitHub, and the last state reported back for it ({@code none}, {@code pending}, {@code success}, {@code failure}). */
public record GithubBuild(long buildId, String repository, String commitSha, String environment, Long deploymentId,
                          String reported) {
}
