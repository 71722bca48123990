package cloud.nextmcp.api.testing;

import cloud.nextmcp.api.ControlApi;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.testing.TestPostgres;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The control API alone, on a fresh migrated database of its own, as the server would assemble it. */
public class TestApiApplication extends Application<TestApiConfiguration> {
    public static final PublicEndpoints ENDPOINTS = new PublicEndpoints("http://localhost:8000", "localhost", 2222,
            "http://localhost:2280", "localhost", "http://localhost:8080");

    /** A fixed key: tests seal config snapshots with it the way the builder would. */
    public static final SecretBox SECRET_BOX = new SecretBox(new byte[32], new SecureRandom());

    private TestPostgres.TestDatabase database;
    private EventBus events;

    /** Stands in for a bug anywhere in the API: the 500 answer must not show this message. */
    @Path("/api/v1/test-failure")
    public static final class FailingResource {
        @GET
        public String fail() {
            throw new IllegalArgumentException("internal detail: connection string postgres://secret");
        }
    }

    @Override
    public void run(TestApiConfiguration configuration, Environment environment) {
        database = TestPostgres.newDatabase();
        events = new EventBus(database.jdbi(), database.connectionInfo());
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                events.close();
            }
        });
        new ControlApi(configuration.api, database.jdbi(), events, ENDPOINTS, SECRET_BOX, Clock.systemUTC(),
                configuration.billing, DomainsConfig.defaults(), configuration.github).register(environment);
        environment.jersey().register(new FailingResource());
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public TestPostgres.TestDatabase database() {
        return database;
    }
}
