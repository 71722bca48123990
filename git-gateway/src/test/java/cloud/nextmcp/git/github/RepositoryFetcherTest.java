package cloud.nextmcp.git.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.core.github.GithubConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token mode's clone: against a git host that, like GitHub's, wants HTTP Basic with the token as password
 * (and challenges requests without it), the fetcher brings the commit in with the configured token, and the
 * token ends up neither in the repository's configuration nor in an error message.
 */
class RepositoryFetcherTest {
    private static final String TOKEN = "ghp_token_for_the_test";

    @TempDir
    Path tmp;
    private Server server;
    private String gitUrl;
    private String sha;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void gitHost() throws Exception {
        Path work = tmp.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("server.js"), "console.log('hi')\n");
            git.add().addFilepattern("server.js").call();
            sha = git.commit().setMessage("first").setAuthor("Gina", "gina@example.com")
                    .setCommitter("Gina", "gina@example.com").setSign(false).call().name();
        }
        Path repos = tmp.resolve("repos");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(repos.resolve("octo/weather.git").toFile())
                .setBare(true).call().close();

        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((req, name) -> {
            try {
                return new FileRepositoryBuilder().setGitDir(repos.resolve(name).toFile()).setMustExist(true).build();
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new BasicAuth()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("git", servlet), "/*");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        gitUrl = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** GitHub's rule for a token: any user name, the token as password. */
    private final class BasicAuth extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            String auth = req.getHeader("Authorization");
            if (auth != null && auth.startsWith("Basic ")) {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                if (pair.endsWith(":" + TOKEN)) {
                    accepted.add(pair.substring(0, pair.indexOf(':')) + " " + req.getRequestURI());
                    chain.doFilter(req, resp);
                    return;
                }
                refused.add(req.getRequestURI());
            }
            resp.setHeader("WWW-Authenticate", "Basic realm=\"GitHub\"");
            resp.sendError(401);
        }
    }

    private RepositoryFetcher fetcher(String token) throws IOException {
        GithubConfig config = new GithubConfig("http://127.0.0.1:1", gitUrl, "secret", null, null, token, null);
        config.validate();
        return new RepositoryFetcher(config, new GithubClients(config, Clock.systemUTC()));
    }

    private Repository appRepository() throws Exception {
        return Git.init().setBare(true).setDirectory(tmp.resolve("app.git").toFile()).call().getRepository();
    }

    @Test
    void fetchesWithTheTokenAsBasicPasswordAndKeepsItOutOfTheRepository() throws Exception {
        try (Repository app = appRepository()) {
            fetcher(TOKEN).fetch(app, "octo/weather", "refs/heads/main", "refs/github/main", sha);

            assertThat(app.resolve("refs/github/main").name()).isEqualTo(sha);
            assertThat(refused).isEmpty();
            assertThat(accepted).anyMatch(a -> a.equals("x-access-token /octo/weather.git/git-upload-pack"));
            assertThat(app.getConfig().toText()).doesNotContain(TOKEN);
            assertThat(Files.readString(tmp.resolve("app.git/config"))).doesNotContain(TOKEN);
        }
    }

    @Test
    void aRefusedTokenFailsTheFetchWithoutShowingIt() throws Exception {
        String wrong = "ghp_revoked_token";
        try (Repository app = appRepository()) {
            assertThatThrownBy(() -> fetcher(wrong).fetch(app, "octo/weather", "refs/heads/main", "refs/github/main", sha))
                    .isInstanceOf(RepositoryFetcher.FetchFailed.class)
                    .hasMessageContaining("could not fetch refs/heads/main of octo/weather")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
            assertThat(refused).isNotEmpty();
            assertThat(app.resolve("refs/github/main")).isNull();
        }
    }
}
