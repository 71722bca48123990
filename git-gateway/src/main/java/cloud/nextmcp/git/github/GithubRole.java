package cloud.nextmcp.git.github;

import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.git.repos.AppRepositories;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's side of the git role: the delivery worker (it fetches into the apps' repositories, which
 * this role owns), preview expiry and the feedback to GitHub. Runs only when {@code github} is set up.
 */
public final class GithubRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GithubRole.class);

    private final GithubConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final DataDirectory data;
    private final PublicEndpoints endpoints;
    private final Entitlements entitlements;
    private final SecretBox secretBox;
    private final RetryPolicy retries;
    private ExecutorService worker;
    private ScheduledExecutorService feedback;
    private ScheduledExecutorService timers;

    public GithubRole(GithubConfig config, Jdbi jdbi, EventBus events, DataDirectory data, PublicEndpoints endpoints,
                      Entitlements entitlements, SecretBox secretBox) {
        this(config, jdbi, events, data, endpoints, entitlements, secretBox, RetryPolicy.standard());
    }

    GithubRole(GithubConfig config, Jdbi jdbi, EventBus events, DataDirectory data, PublicEndpoints endpoints,
               Entitlements entitlements, SecretBox secretBox, RetryPolicy retries) {
        config.validate();
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.data = data;
        this.endpoints = endpoints;
        this.entitlements = entitlements;
        this.secretBox = secretBox;
        this.retries = retries;
    }

    public synchronized void start() throws IOException {
        if (!config.enabled()) {
            return;
        }
        GithubClients clients = new GithubClients(config, Clock.systemUTC());
        worker = Executors.newSingleThreadExecutor(daemon("github-deliveries"));
        feedback = Executors.newScheduledThreadPool(2, daemon("github-feedback"));
        timers = Executors.newSingleThreadScheduledExecutor(daemon("github-timers"));
        GithubFeedback reporter = new GithubFeedback(jdbi, clients, endpoints, new FeedbackQueue(feedback, retries), feedback);
        Previews previews = new Previews(new ConfigVars(secretBox), entitlements);
        DeliveryProcessor processor = new DeliveryProcessor(new ObjectMapper(), new AppRepositories(data),
                new RepositoryFetcher(config, clients), previews, entitlements, reporter);
        GithubWorker deliveries = new GithubWorker(jdbi, processor, previews, config.previewTtlDays(), worker);
        events.subscribe(Channels.GITHUB, deliveries);
        events.subscribe(Channels.BUILDS, reporter);
        // NOTIFY carries the work; the timers only catch what a dropped connection missed.
        timers.scheduleWithFixedDelay(deliveries::drainLater, 0, 30, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> worker.execute(deliveries::expirePreviews), 1, 60, TimeUnit.MINUTES);
        reporter.resync();
        LOG.info("GitHub: webhook deliveries processed here; API {}, repositories cloned from {}, as {}", config.apiUrl(),
                config.gitUrl(), config.usesApp() ? "GitHub App " + config.appId() : "a token");
    }

    @Override
    public synchronized void close() {
        for (ExecutorService e : new ExecutorService[] {timers, worker, feedback}) {
            if (e != null) {
                e.shutdownNow();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
