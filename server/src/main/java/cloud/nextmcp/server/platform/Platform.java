package cloud.nextmcp.server.platform;

import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.db.ConnectionInfo;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.server.ServerConfiguration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Assembles one process: the database, the shared services every role uses, and the roles the
 * configuration names. Objects are started in the order registered and stopped in reverse, so
 * roles stop before the event bus, the pool and the embedded PostgreSQL.
 */
public final class Platform {
    private Platform() {
    }

    public static void assemble(ServerConfiguration config, Environment environment) {
        DataDirectory data = config.dataDirectory();
        DatabaseStarter.StartedDatabase db = DatabaseStarter.start(config.database(), data);
        db.embedded().ifPresent(embedded -> environment.lifecycle().manage(stopping(embedded)));

        Jdbi jdbi = new JdbiFactory().build(environment, dataSource(db.connectionInfo(), config), "postgresql");
        jdbi.installPlugin(new PostgresPlugin());
        EventBus events = new EventBus(jdbi, db.connectionInfo());
        environment.lifecycle().manage(stopping(events));

        PlatformSecrets secrets = new PlatformSecrets(data.secrets(), new SecureRandom());
        Roles roles = new Roles(config, environment, jdbi, db.connectionInfo(), events, data, secrets);
        PublicEndpoints endpoints = roles.publicEndpoints();
        roles.wire(endpoints);

        StartupBanner banner = new StartupBanner(config, data, endpoints, roles);
        environment.lifecycle().addServerLifecycleListener(server -> banner.print(System.out));
    }

    private static DataSourceFactory dataSource(ConnectionInfo info, ServerConfiguration config) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(info.jdbcUrl());
        factory.setUser(info.user());
        factory.setPassword(info.password());
        factory.setMaxSize(config.database().maxConnectionsOrDefault());
        factory.setMinSize(2);
        factory.setInitialSize(2);
        factory.setValidationQuery("SELECT 1");
        // Connections broken by a database restart are replaced on borrow instead of failing a request each.
        factory.setCheckConnectionOnBorrow(true);
        factory.setValidationInterval(Duration.seconds(1));
        return factory;
    }

    private static Managed stopping(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void stop() throws Exception {
                resource.close();
            }
        };
    }
}
