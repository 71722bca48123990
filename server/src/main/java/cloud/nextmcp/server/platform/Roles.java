package cloud.nextmcp.server.platform;

import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.router.Router;
import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.server.ServerConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Creates the roles this process runs and ties them to its lifecycle. */
final class Roles {
    private final ServerConfiguration config;
    private final Environment environment;
    private final Jdbi jdbi;
    private final EventBus events;
    private final DataDirectory data;
    private final PlatformSecrets secrets;
    private final Set<RoleName> enabled;

    Roles(ServerConfiguration config, Environment environment, Jdbi jdbi, EventBus events, DataDirectory data,
          PlatformSecrets secrets) {
        this.config = config;
        this.environment = environment;
        this.jdbi = jdbi;
        this.events = events;
        this.data = data;
        this.secrets = secrets;
        this.enabled = config.roles();
    }

    /** Public URLs: configured ones win, the rest derive from the public host and the configured ports. */
    PublicEndpoints publicEndpoints() {
        EndpointsConfig e = config.endpoints();
        String host = config.publicHost();
        RouterConfig router = config.router();
        return new PublicEndpoints(
                e.apiUrl() != null ? e.apiUrl() : "http://" + host + ":" + apiPort(config.getServerFactory()),
                e.gitHost() != null ? e.gitHost() : host,
                e.gitSshPort() != null ? e.gitSshPort() : 2222,
                e.gitHttpUrl() != null ? e.gitHttpUrl() : "http://" + host + ":" + 2280,
                router.appsDomain(),
                e.routerUrl() != null ? e.routerUrl() : "http://" + host + ":" + router.port());
    }

    void wire(PublicEndpoints endpoints) {
        if (enabled.contains(RoleName.ROUTER)) {
            Router router = new Router(config.router(), jdbi, events);
            manage(router::start, router::close);
        }
    }

    String sshHostKeyFingerprint() {
        return "";
    }

    private void manage(Runnable start, Runnable stop) {
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        });
    }

    private static int apiPort(ServerFactory factory) {
        ConnectorFactory connector;
        if (factory instanceof SimpleServerFactory simple) {
            connector = simple.getConnector();
        } else if (factory instanceof DefaultServerFactory dflt && !dflt.getApplicationConnectors().isEmpty()) {
            connector = dflt.getApplicationConnectors().get(0);
        } else {
            return 8000;
        }
        return connector instanceof HttpConnectorFactory http ? http.getPort() : 8000;
    }
}
