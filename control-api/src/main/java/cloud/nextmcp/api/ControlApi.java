package cloud.nextmcp.api;

import cloud.nextmcp.api.access.AccessResource;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.AccessTokens;
import cloud.nextmcp.api.auth.AuthResource;
import cloud.nextmcp.api.auth.AuthService;
import cloud.nextmcp.api.auth.BearerAuthFilter;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.auth.ClientAddress;
import cloud.nextmcp.api.auth.PasswordHasher;
import cloud.nextmcp.api.auth.RateLimitFilter;
import cloud.nextmcp.api.auth.RateLimiter;
import cloud.nextmcp.api.auth.Sessions;
import cloud.nextmcp.api.autoscale.AutoscaleResource;
import cloud.nextmcp.api.billing.Billing;
import cloud.nextmcp.api.billing.BillingResource;
import cloud.nextmcp.api.builds.BuildsResource;
import cloud.nextmcp.api.config.ConfigResource;
import cloud.nextmcp.api.dashboard.Dashboard;
import cloud.nextmcp.api.dashboard.session.Csrf;
import cloud.nextmcp.api.dashboard.session.SessionCookies;
import cloud.nextmcp.api.db.DatabaseHealthCheck;
import cloud.nextmcp.api.domains.DomainsResource;
import cloud.nextmcp.api.github.GithubApi;
import cloud.nextmcp.api.info.InfoResource;
import cloud.nextmcp.api.keys.KeysResource;
import cloud.nextmcp.api.logs.LogSignals;
import cloud.nextmcp.api.logs.LogsResource;
import cloud.nextmcp.api.metrics.MetricsResource;
import cloud.nextmcp.api.oauth.ConsentsResource;
import cloud.nextmcp.api.oauth.OAuthServer;
import cloud.nextmcp.api.openapi.OpenApiResource;
import cloud.nextmcp.api.problems.ApiExceptionMapper;
import cloud.nextmcp.api.problems.IllegalStateExceptionMapper;
import cloud.nextmcp.api.problems.JsonProcessingExceptionMapper;
import cloud.nextmcp.api.problems.LimitExceededMapper;
import cloud.nextmcp.api.problems.UnexpectedExceptionMapper;
import cloud.nextmcp.api.problems.WebApplicationExceptionMapper;
import cloud.nextmcp.api.releases.ReleasesResource;
import cloud.nextmcp.api.runtime.ProcessesResource;
import cloud.nextmcp.api.teams.Invitations;
import cloud.nextmcp.api.teams.InvitationsResource;
import cloud.nextmcp.api.teams.PersonalTeams;
import cloud.nextmcp.api.teams.TeamsResource;
import cloud.nextmcp.api.tokens.TokensResource;
import cloud.nextmcp.api.users.UsersResource;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.autoscale.Autoscaling;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Releases;
import cloud.nextmcp.core.secrets.SecretBox;
import com.codahale.metrics.Gauge;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The control API, {@code /api/v1/…}: the server assembles it into its Dropwizard environment when
 * the process runs the {@code api} role. Construction checks the configuration (a missing or
 * short JWT secret stops the start with a message saying how to set one).
 */
public final class ControlApi {
    /** A log follower looks for new lines at least this often, NOTIFY or not. */
    static final Duration LOG_POLL = Duration.ofSeconds(1);
    /** A silent log stream sends a comment this often, so proxies and clients do not drop it. */
    static final Duration LOG_KEEPALIVE = Duration.ofSeconds(15);

    private final ControlApiConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final PublicEndpoints endpoints;
    private final SecretBox secretBox;
    private final Clock clock;
    private final BillingConfig billing;
    private final DomainsConfig domains;
    private final GithubConfig github;

    /**
     * @param events    requests NOTIFY through their own transaction handle; the bus is for listening (log following)
     * @param secretBox the platform's box for config vars (the same master key the runtime opens them with)
     */
    public ControlApi(ControlApiConfig config, Jdbi jdbi, EventBus events, PublicEndpoints endpoints, SecretBox secretBox,
                      Clock clock, BillingConfig billing, DomainsConfig domains, GithubConfig github) {
        config.validate();
        billing.validate();
        github.validate();
        this.github = github;
        this.billing = billing;
        this.domains = domains;
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.endpoints = endpoints;
        this.secretBox = secretBox;
        this.clock = clock;
    }

    public void register(Environment environment) {
        SecureRandom random = new SecureRandom();
        ClientAddress clientAddress = new ClientAddress(config.trustForwardedFor());
        Actors actors = new Actors(clientAddress);
        Auditor auditor = new Auditor(environment.getObjectMapper());
        Secrets secrets = new Secrets(random);
        AccessTokens accessTokens = new AccessTokens(config.jwtKey(), config.accessTokenTtl().toJavaDuration(), clock);
        Sessions sessions = new Sessions(accessTokens, secrets, config.refreshTokenTtl().toJavaDuration(), clock);
        AuthService auth = new AuthService(jdbi, new PasswordHasher(random), sessions, new PersonalTeams(random),
                auditor, clock);

        Entitlements entitlements = new Entitlements(billing, clock);
        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new AuthDynamicFeature(new BearerAuthFilter(jdbi, accessTokens)));
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        RateLimiter loginLimiter = new RateLimiter(config.authRateLimitPerMinute(), clock);
        jersey.register(new RateLimitFilter(loginLimiter, clientAddress));

        jersey.register(new ApiExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        jersey.register(new IllegalStateExceptionMapper());
        jersey.register(new LimitExceededMapper());
        jersey.register(new UnexpectedExceptionMapper());

        jersey.register(new InfoResource(version(), endpoints));
        jersey.register(new OpenApiResource());
        AuthResource authResource = new AuthResource(auth, clientAddress);
        jersey.register(authResource);
        jersey.register(new UsersResource(jdbi));
        TeamsResource teams = new TeamsResource(jdbi, auditor, actors);
        jersey.register(teams);
        InvitationsResource invitations = new InvitationsResource(
                new Invitations(jdbi, secrets, auditor, endpoints.apiUrl(), clock), actors);
        jersey.register(invitations);
        jersey.register(new InvitationsResource.Accepting(invitations));
        AppsResource apps = new AppsResource(jdbi, endpoints, auditor, actors, random, entitlements);
        jersey.register(apps);
        KeysResource keys = new KeysResource(jdbi, auditor, actors);
        jersey.register(keys);
        TokensResource tokens = new TokensResource(jdbi, secrets, auditor, actors, clock);
        jersey.register(tokens);
        AccessResource access = new AccessResource(jdbi, auditor, actors);
        jersey.register(access);
        DomainsResource domainsResource = new DomainsResource(jdbi, domains, endpoints.appsDomain(), auditor, actors, random,
                entitlements);
        jersey.register(domainsResource);
        ConsentsResource consents = new OAuthServer(jdbi, endpoints, secretBox, config.oauthClientMetadataPrivateAddresses(), clock).register(jersey, auth, auditor, actors, clientAddress, secrets, random,
                environment.getObjectMapper());

        ConfigVars configVars = new ConfigVars(secretBox);
        Releases releases = new Releases(jdbi, configVars);
        new GithubApi(github, jdbi, configVars, entitlements, endpoints).register(jersey, auditor, actors,
                environment.getObjectMapper(), apps);
        LogSignals logSignals = new LogSignals();
        events.subscribe(Channels.LOGS, logSignals.subscriber());
        environment.metrics().register("nextmcp.api.logs.followers", (Gauge<Integer>) logSignals::openStreams);
        BillingResource billingResource = new Billing(billing, jdbi, entitlements, endpoints, clock)
                .register(environment, auditor, actors);
        Dashboard.Resources resources = new Dashboard.Resources(authResource, apps, new BuildsResource(jdbi),
                new ReleasesResource(jdbi, releases, configVars, auditor, actors),
                new ProcessesResource(jdbi, releases, auditor, actors, entitlements),
                new ConfigResource(jdbi, configVars, auditor, actors),
                new LogsResource(jdbi, logSignals, LOG_POLL, LOG_KEEPALIVE, logFollowers(environment)),
                new MetricsResource(jdbi, clock), teams, keys, tokens, domainsResource,
                billingResource, access, consents, invitations,
                new AutoscaleResource(jdbi, new Autoscaling(), auditor, actors, entitlements));
        jersey.register(resources.builds());
        jersey.register(resources.config());
        jersey.register(resources.releases());
        jersey.register(resources.processes());
        jersey.register(resources.autoscale());
        jersey.register(resources.logs());
        jersey.register(resources.metrics());
        SessionCookies cookies = new SessionCookies(jdbi, new Csrf(config.jwtKey()), clock,
                endpoints.apiUrl().startsWith("https:"), config.trustForwardedFor());
        new Dashboard(resources, loginLimiter, clientAddress, cookies, secrets, endpoints)
                .register(jersey, environment.metrics(), environment.getObjectMapper());

        environment.healthChecks().register("api-database", new DatabaseHealthCheck(jdbi));
    }

    /** Threads of open log streams, interrupted when the server stops so that the streams end. */
    private static ExecutorService logFollowers(Environment environment) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "log-follower-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                executor.shutdownNow();
            }
        });
        return executor;
    }

    /** The version of this build (from the Maven project version). */
    public static String version() {
        try (InputStream in = ControlApi.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("cloud/nextmcp/api/version.properties is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
