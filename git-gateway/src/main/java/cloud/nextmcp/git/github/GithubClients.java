package cloud.nextmcp.git.github;

import cloud.nextmcp.core.github.GithubConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/**
 * Who the platform is on GitHub: a GitHub App (JWT → one installation token per repository,
 * refreshed before it expires) or one plain token. The same token clones and reports.
 */
final class GithubClients {
    private final GithubConfig config;
    private final InstallationTokens installationTokens;

    GithubClients(GithubConfig config, Clock clock) throws IOException {
        this.config = config;
        if (config.usesApp()) {
            AppJwt jwt = AppJwt.load(config.appId(), Path.of(config.privateKeyFile()), clock);
            this.installationTokens = new InstallationTokens(repository -> {
                String[] parts = repository.split("/", 2);
                GitHub asApp = new GitHubBuilder().withEndpoint(config.apiUrl()).withJwtToken(jwt.sign()).build();
                GHAppInstallationToken token = asApp.getApp().getInstallationByRepository(parts[0], parts[1])
                        .createToken().create();
                Instant expires = token.getExpiresAt() == null ? clock.instant().plusSeconds(3600)
                        : token.getExpiresAt().toInstant();
                return new InstallationTokens.Token(token.getToken(), expires);
            }, clock);
        } else {
            this.installationTokens = null;
        }
    }

    /** The token that may read and report on {@code owner/repo}. */
    String token(String repository) throws IOException {
        return installationTokens != null ? installationTokens.token(repository) : config.token();
    }

    GitHub forRepository(String repository) throws IOException {
        GitHubBuilder builder = new GitHubBuilder().withEndpoint(config.apiUrl());
        String token = token(repository);
        return (installationTokens != null ? builder.withAppInstallationToken(token) : builder.withOAuthToken(token)).build();
    }
}
