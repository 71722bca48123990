package cloud.nextmcp.git.github;

import cloud.nextmcp.core.github.GithubConfig;
import java.io.IOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Brings one ref of a GitHub repository into an app's bare repository, always from
 * {@code <github.gitUrl>/<owner>/<repo>.git} (a payload's clone URL is never used). Fetched refs
 * live under {@code refs/github/}, so they never move the branches a {@code git push nextmcp} moves.
 */
final class RepositoryFetcher {
    private final GithubConfig config;
    private final GithubClients clients;

    RepositoryFetcher(GithubConfig config, GithubClients clients) {
        this.config = config;
        this.clients = clients;
    }

    /** Fetches {@code remoteRef} into {@code localRef}; fails unless {@code expectedSha} is then in the repository. */
    void fetch(Repository repo, String repository, String remoteRef, String localRef, String expectedSha)
            throws IOException, FetchFailed {
        try (Git git = Git.wrap(repo)) {
            git.fetch().setRemote(config.cloneUrl(repository))
                    .setRefSpecs(new RefSpec("+" + remoteRef + ":" + localRef))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", clients.token(repository)))
                    .setTimeout(120)
                    .call();
        } catch (GitAPIException e) {
            throw new FetchFailed("could not fetch " + remoteRef + " of " + repository + ": " + e.getMessage(), e);
        }
        ObjectId id = repo.resolve(expectedSha + "^{commit}");
        if (id == null) {
            throw new FetchFailed("commit " + expectedSha.substring(0, 7) + " is not in " + remoteRef + " of " + repository
                    + " (the branch moved on; a later delivery deploys it)", null);
        }
    }

    static final class FetchFailed extends Exception {
        FetchFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
