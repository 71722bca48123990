package cloud.nextmcp.git.http;

import cloud.nextmcp.core.sources.SourceUrls;
import cloud.nextmcp.git.access.GitAccess;
import cloud.nextmcp.git.receive.GitServices;
import cloud.nextmcp.git.repos.AppRepositories;
import cloud.nextmcp.git.source.SourceArchiveServlet;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.http.server.resolver.AsIsFileService;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.jdbi.v3.core.Jdbi;

/**
 * Git over smart HTTP at {@code /git/<app>.git}: JGit's GitServlet in an embedded Jetty; with signed source URLs
 * configured, builds' sources for in-cluster builders at {@code /source/<build>.tar.gz}.
 */
public final class HttpGitServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public HttpGitServer(String host, int port, long idleTimeoutMillis, Jdbi jdbi, GitAccess access,
                         AppRepositories repositories, GitServices services, SourceUrls sourceUrls) {
        GitServlet git = new GitServlet();
        git.setAsIsFileService(AsIsFileService.DISABLED);
        git.setRepositoryResolver((req, name) -> {
            try {
                return repositories.open(GitHttpAccessFilter.grant(req).app());
            } catch (IOException e) {
                throw new ServiceMayNotContinueException("the repository cannot be opened", e);
            }
        });
        git.setUploadPackFactory((req, repo) -> services.uploadPack(repo));
        git.setReceivePackFactory((req, repo) -> {
            try {
                return services.receivePack(QuarantineFilter.open(req, repo), GitHttpAccessFilter.grant(req));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not open a push quarantine in " + repo.getDirectory(), e);
            }
        });

        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new GitHttpAccessFilter(new TokenAuthenticator(jdbi), access)), "/git/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new QuarantineFilter()), "/git/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("git", git), "/git/*");
        if (sourceUrls != null) {
            context.addServlet(new ServletHolder("source", new SourceArchiveServlet(jdbi, repositories, sourceUrls)), "/source/*");
        }

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("git-http");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        // A push waiting for its build writes at least every keepalive interval; the idle timeout must be longer.
        connector.setIdleTimeout(idleTimeoutMillis);
        server.addConnector(connector);
        server.setHandler(context);
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the git HTTP server", e);
        } catch (Exception e) {
            throw new IOException("Could not stop the git HTTP server", e);
        }
    }
}
