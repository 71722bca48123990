package cloud.nextmcp.git;

import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.git.access.GitAccess;
import cloud.nextmcp.core.sources.SourceUrls;
import cloud.nextmcp.git.http.HttpGitServer;
import cloud.nextmcp.git.receive.BranchPreviews;
import cloud.nextmcp.git.receive.BuildSignals;
import cloud.nextmcp.git.receive.GitServices;
import cloud.nextmcp.git.repos.AppRepositories;
import cloud.nextmcp.git.repos.IncomingSweeper;
import cloud.nextmcp.git.repos.RepositoryJanitor;
import cloud.nextmcp.git.ssh.HostKey;
import cloud.nextmcp.git.ssh.SshGitServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git role: git over SSH and smart HTTP in front of one bare repository per app, with the
 * push hook that builds and deploys. Wire it with {@link #start()} and {@link #close()}.
 */
public final class GitGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitGateway.class);
    private static final Duration STALE_MARGIN = Duration.ofMinutes(30);
    private static final Duration SWEEP_PERIOD = Duration.ofMinutes(15);

    private final GitGatewayConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final DataDirectory dataDirectory;
    private final PublicEndpoints endpoints;
    private final Entitlements entitlements;
    private final SourceUrls sourceUrls;
    private final Previews previews;
    private HostKey hostKey;
    private SshGitServer ssh;
    private HttpGitServer http;
    private ScheduledExecutorService sweeps;

    public GitGateway(GitGatewayConfig config, Jdbi jdbi, EventBus events, DataDirectory dataDirectory,
                      PublicEndpoints endpoints, Entitlements entitlements) {
        this(config, jdbi, events, dataDirectory, endpoints, entitlements, null);
    }

    /** With {@code sourceUrls}, the HTTP server also serves builds' sources at signed {@code /source/} URLs (kpack builds). */
    public GitGateway(GitGatewayConfig config, Jdbi jdbi, EventBus events, DataDirectory dataDirectory,
                      PublicEndpoints endpoints, Entitlements entitlements, SourceUrls sourceUrls) {
        this(config, jdbi, events, dataDirectory, endpoints, entitlements, sourceUrls, null);
    }

    /** With {@code previews}, a push of a branch other than the deploy branch makes a branch preview when the app asks for them. */
    public GitGateway(GitGatewayConfig config, Jdbi jdbi, EventBus events, DataDirectory dataDirectory,
                      PublicEndpoints endpoints, Entitlements entitlements, SourceUrls sourceUrls, Previews previews) {
        this.sourceUrls = sourceUrls;
        this.previews = previews;
        this.config = config == null ? GitGatewayConfig.defaults() : config;
        this.jdbi = jdbi;
        this.events = events;
        this.dataDirectory = dataDirectory;
        this.endpoints = endpoints;
        this.entitlements = entitlements;
    }

    public synchronized void start() throws Exception {
        AppRepositories repositories = new AppRepositories(dataDirectory);
        RepositoryJanitor janitor = new RepositoryJanitor(jdbi, repositories);
        janitor.sweep();
        events.subscribe(Channels.APPS, janitor);
        sweepIncomingFiles(repositories);

        BuildSignals signals = new BuildSignals();
        events.subscribe(Channels.BUILDS, signals.buildsSubscriber());
        events.subscribe(Channels.LOGS, signals.logsSubscriber());

        GitAccess access = new GitAccess(jdbi);
        GitServices services = new GitServices(jdbi, config, signals, endpoints, entitlements,
                previews == null ? null : new BranchPreviews(jdbi, previews, repositories));
        hostKey = HostKey.loadOrCreate(dataDirectory.sshHostKey());
        ssh = new SshGitServer(config.bindHost(), config.sshPort(), hostKey, jdbi, access, repositories, services);
        events.subscribe(Channels.KEYS, ssh.keyRemovals());
        ssh.start();
        long idleMillis = Math.max(60_000, config.keepaliveInterval().toMillis() * 4);
        http = new HttpGitServer(config.bindHost(), config.httpPort(), idleMillis, jdbi, access, repositories, services,
                sourceUrls);
        http.start();
        LOG.info("Git gateway: ssh on {}:{} (host key {} {}), smart HTTP on {}:{} at /git/<app>.git",
                config.bindHost(), ssh.port(), hostKey.fingerprint(), hostKey.publicKeyLine(), config.bindHost(), http.port());
    }

    /**
     * Leftovers of interrupted pushes are deleted at start and then every {@link #SWEEP_PERIOD}.
     * A push may be younger than its wait timeout plus the time to receive its pack; anything
     * older is from a push that is gone.
     */
    private void sweepIncomingFiles(AppRepositories repositories) {
        IncomingSweeper sweeper = new IncomingSweeper(repositories, config.buildWaitTimeout().plus(STALE_MARGIN),
                Clock.systemUTC());
        sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "git-incoming-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeps.scheduleWithFixedDelay(sweeper::sweep, 0, SWEEP_PERIOD.toMinutes(), TimeUnit.MINUTES);
    }

    public int sshPort() {
        return ssh.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** {@code SHA256:…} of the SSH host key. */
    public String hostKeyFingerprint() {
        return hostKey.fingerprint();
    }

    /** The host key as {@code ssh-ed25519 AAAA…}, for known_hosts lines. */
    public String hostPublicKey() {
        return hostKey.publicKeyLine();
    }

    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        if (sweeps != null) {
            sweeps.shutdownNow();
        }
        if (ssh != null) {
            try {
                ssh.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (http != null) {
            try {
                http.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
