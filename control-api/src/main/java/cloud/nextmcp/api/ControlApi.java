package cloud.nextmcp.api;

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
import cloud.nextmcp.api.db.DatabaseHealthCheck;
import cloud.nextmcp.api.info.InfoResource;
import cloud.nextmcp.api.keys.KeysResource;
import cloud.nextmcp.api.openapi.OpenApiResource;
import cloud.nextmcp.api.problems.ApiExceptionMapper;
import cloud.nextmcp.api.problems.IllegalStateExceptionMapper;
import cloud.nextmcp.api.problems.JsonProcessingExceptionMapper;
import cloud.nextmcp.api.problems.UnexpectedExceptionMapper;
import cloud.nextmcp.api.problems.WebApplicationExceptionMapper;
import cloud.nextmcp.api.teams.PersonalTeams;
import cloud.nextmcp.api.teams.TeamsResource;
import cloud.nextmcp.api.tokens.TokensResource;
import cloud.nextmcp.api.users.UsersResource;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.EventBus;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * The control API, {@code /api/v1/…}: the server assembles it into its Dropwizard environment when
 * the process runs the {@code api} role. Construction checks the configuration (a missing or
 * short JWT secret stops the start with a message saying how to set one).
 */
public final class ControlApi {
    private final ControlApiConfig config;
    private final Jdbi jdbi;
    private final PublicEndpoints endpoints;
    private final Clock clock;

    /**
     * @param events unused by the requests themselves (they NOTIFY through their own transaction
     *               handle, see {@link EventBus#publish(org.jdbi.v3.core.Handle, String, String)}); taken so
     *               that later read-side endpoints (log following) subscribe without a new constructor
     */
    public ControlApi(ControlApiConfig config, Jdbi jdbi, EventBus events, PublicEndpoints endpoints, Clock clock) {
        config.validate();
        this.config = config;
        this.jdbi = jdbi;
        this.endpoints = endpoints;
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

        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new AuthDynamicFeature(new BearerAuthFilter(jdbi, accessTokens)));
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        jersey.register(new RateLimitFilter(new RateLimiter(config.authRateLimitPerMinute(), clock), clientAddress));

        jersey.register(new ApiExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        jersey.register(new IllegalStateExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper());

        jersey.register(new InfoResource(version(), endpoints));
        jersey.register(new OpenApiResource());
        jersey.register(new AuthResource(auth, clientAddress));
        jersey.register(new UsersResource(jdbi));
        jersey.register(new TeamsResource(jdbi, auditor, actors));
        jersey.register(new AppsResource(jdbi, endpoints, auditor, actors, random));
        jersey.register(new KeysResource(jdbi, auditor, actors));
        jersey.register(new TokensResource(jdbi, secrets, auditor, actors, clock));

        environment.healthChecks().register("api-database", new DatabaseHealthCheck(jdbi));
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
