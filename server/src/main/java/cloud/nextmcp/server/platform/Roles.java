package cloud.nextmcp.server.platform;

import cloud.nextmcp.api.ControlApi;
import cloud.nextmcp.api.ControlApiConfig;
import cloud.nextmcp.build.artifacts.FileArtifactStore;
import cloud.nextmcp.build.autoscale.Autoscaler;
import cloud.nextmcp.build.builds.BuildWorker;
import cloud.nextmcp.build.builds.BuilderKind;
import cloud.nextmcp.build.kpack.KpackBuild;
import cloud.nextmcp.build.kpack.KpackConfig;
import cloud.nextmcp.build.logs.LogRetention;
import cloud.nextmcp.build.releases.ReleaseDeployer;
import cloud.nextmcp.build.runtime.AppRuntime;
import cloud.nextmcp.build.runtime.LocalRuntime;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.build.runtime.RuntimeKind;
import cloud.nextmcp.build.runtime.kubernetes.KubernetesClients;
import cloud.nextmcp.build.runtime.kubernetes.KubernetesRuntime;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.Sandboxes;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.db.ConnectionInfo;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.leadership.LeaderLock;
import cloud.nextmcp.core.leadership.Leadership;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.sources.SourceUrls;
import cloud.nextmcp.git.GitGateway;
import cloud.nextmcp.git.GitGatewayConfig;
import cloud.nextmcp.git.github.GithubRole;
import cloud.nextmcp.router.Router;
import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.server.ServerConfiguration;
import cloud.nextmcp.server.domains.DomainsRole;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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
    private final ConnectionInfo database;
    private final Set<RoleName> enabled;
    private GitGateway gitGateway;

    Roles(ServerConfiguration config, Environment environment, Jdbi jdbi, ConnectionInfo database, EventBus events,
          DataDirectory data, PlatformSecrets secrets) {
        this.config = config;
        this.environment = environment;
        this.jdbi = jdbi;
        this.events = events;
        this.data = data;
        this.secrets = secrets;
        this.database = database;
        this.enabled = config.roles();
    }

    /** Public URLs: configured ones win, the rest derive from the public host and the configured ports. */
    PublicEndpoints publicEndpoints() {
        EndpointsConfig e = config.endpoints();
        String host = config.publicHost();
        RouterConfig router = config.router();
        GitGatewayConfig git = config.git();
        return new PublicEndpoints(
                e.apiUrl() != null ? e.apiUrl() : "http://" + host + ":" + apiPort(config.getServerFactory()),
                e.gitHost() != null ? e.gitHost() : host,
                e.gitSshPort() != null ? e.gitSshPort() : git.sshPort(),
                e.gitHttpUrl() != null ? e.gitHttpUrl() : "http://" + host + ":" + git.httpPort(),
                router.appsDomain(),
                e.routerUrl() != null ? e.routerUrl() : "http://" + host + ":" + router.port());
    }

    void wire(PublicEndpoints endpoints) {
        // One cipher for the roles that read or write config vars and certificates (routers open custom domains'
        // certificates); a git-only process never makes a master key.
        SecretBox secretBox = enabled.contains(RoleName.API) || enabled.contains(RoleName.BUILDER)
                || enabled.contains(RoleName.ROUTER) || enabled.contains(RoleName.GIT) && config.github().enabled()
                ? secretBox() : null;
        if (enabled.contains(RoleName.API)) {
            ControlApiConfig api = config.api();
            ControlApiConfig withKey = new ControlApiConfig(secrets.base64Key(api.jwtSecret(), "jwt"), api.accessTokenTtl(),
                    api.refreshTokenTtl(), api.authRateLimitPerMinute(), api.trustForwardedFor(),
                    api.oauthClientMetadataPrivateAddresses());
            new ControlApi(withKey, jdbi, events, endpoints, secretBox, Clock.systemUTC(), config.billing(), config.domains(),
                    config.github())
                    .register(environment);
        }
        if (enabled.contains(RoleName.GIT)) {
            Entitlements gitEntitlements = new Entitlements(config.billing(), Clock.systemUTC());
            gitGateway = new GitGateway(config.git(), jdbi, events, data, endpoints, gitEntitlements, sourceUrls(),
                    config.github().enabled() ? new Previews(new ConfigVars(secretBox), gitEntitlements) : null);
            GitGateway gateway = gitGateway;
            manage(() -> {
                try {
                    gateway.start();
                } catch (Exception e) {
                    throw new IllegalStateException("The git gateway could not start: " + e.getMessage(), e);
                }
            }, () -> {
                try {
                    gateway.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("The git gateway did not stop cleanly", e);
                }
            });
        }
        if (enabled.contains(RoleName.GIT)) {
            // Previews copy config vars (sealed), hence the cipher.
            GithubRole github = new GithubRole(config.github(), jdbi, events, data, endpoints,
                    new Entitlements(config.billing(), Clock.systemUTC()), secretBox);
            manage(() -> {
                try {
                    github.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("GitHub could not start: " + e.getMessage(), e);
                }
            }, github::close);
        }
        if (enabled.contains(RoleName.BUILDER)) {
            wireBuilder(endpoints, secretBox);
        }
        if (enabled.contains(RoleName.ROUTER)) {
            Router router = new Router(config.router(), jdbi, events, endpoints.apiUrl(),
                    URI.create(endpoints.routerUrl()).getHost(), secretBox);
            manage(router::start, router::close);
        }
    }

    /** The build worker and the runtime (runtime.kind): builds become releases that run as processes or pods. */
    private void wireBuilder(PublicEndpoints endpoints, SecretBox secretBox) {
        RuntimeConfig runtimeConfig = config.runtime();
        Sandbox sandbox = Sandboxes.detect(config.sandbox(), data.sandbox());
        FileArtifactStore artifacts = new FileArtifactStore(data);
        Entitlements entitlements = new Entitlements(config.billing(), Clock.systemUTC());
        // Connected once at start, so a wrong kubeconfig stops the process instead of failing every election.
        KubernetesClient appsCluster = runtimeConfig.runtimeKind() == RuntimeKind.KUBERNETES
                ? KubernetesClients.connect(runtimeConfig.kubernetes().kubeconfig(), "runtime.kubernetes.kubeconfig")
                : null;
        SingletonLoops singletons = new SingletonLoops();
        singletons.add("runtime", () -> startRuntime(runtimeConfig, appsCluster, endpoints, secretBox, sandbox, artifacts,
                entitlements));
        // Leader-only although each decision takes a per-app advisory lock: the policy's scale-down window is
        // in memory, and one history per app (the leader's) keeps replicas from shrinking on partial samples.
        singletons.add("autoscaler", () -> {
            Autoscaler autoscaler = new Autoscaler(jdbi, events, config.autoscale(), Clock.systemUTC());
            autoscaler.start();
            return autoscaler;
        });
        singletons.add("log retention", () -> {
            LogRetention retention = new LogRetention(jdbi, runtimeConfig.maxLogLinesPerApp(),
                    runtimeConfig.logRetentionInterval(), entitlements);
            retention.start();
            return retention;
        });
        singletons.add("domain checks", () -> {
            DomainsRole domains = new DomainsRole(config.domains(), config.acme(), config.router().appsDomain(), jdbi, events,
                    secretBox, Clock.systemUTC());
            domains.start();
            return domains;
        });
        LeaderConfig leader = config.leader();
        Leadership leadership = new Leadership(new LeaderLock(database, "builder-singletons", leader.lockTimeout()),
                leader.checkInterval(), singletons);
        manage(leadership::start, () -> {
            leadership.close();
            if (appsCluster != null) {
                appsCluster.close();
            }
        });
        ReleaseDeployer deployer = new ReleaseDeployer(runtimeConfig, jdbi, events, secretBox);
        BuildWorker worker;
        if (config.builder().builderKind() == BuilderKind.KPACK) {
            KpackConfig kpack = config.builder().kpack();
            KubernetesClient cluster = KubernetesClients.connect(kpack.kubeconfig(), "builder.kpack.kubeconfig");
            KpackBuild backend = new KpackBuild(kpack, runtimeConfig.kubernetes().owner(), cluster, jdbi, sourceUrls(),
                    kpack.sourceUrlBase() != null ? kpack.sourceUrlBase() : endpoints.gitHttpUrl(),
                    Duration.ofSeconds(config.builder().buildTimeoutSeconds()), Duration.ofSeconds(1), Clock.systemUTC());
            worker = new BuildWorker(config.builder(), jdbi, events, deployer, backend);
            manage(worker::start, () -> {
                worker.close();
                cluster.close();
            });
        } else {
            worker = new BuildWorker(config.builder(), jdbi, events, data, sandbox, artifacts, deployer);
            manage(worker::start, worker::close);
        }
    }

    /** One term's runtime (runtime.kind); the Kubernetes one takes over the workloads the previous leader left. */
    private AutoCloseable startRuntime(RuntimeConfig runtimeConfig, KubernetesClient cluster, PublicEndpoints endpoints,
                                       SecretBox secretBox, Sandbox sandbox, FileArtifactStore artifacts,
                                       Entitlements entitlements) {
        if (cluster != null) {
            AppRuntime runtime = new KubernetesRuntime(runtimeConfig, cluster, jdbi, events, secretBox, artifacts, entitlements);
            runtime.start();
            return runtime;
        }
        AppRuntime runtime = new LocalRuntime(runtimeConfig, jdbi, events, data, sandbox, artifacts, secretBox, endpoints,
                entitlements);
        runtime.start();
        return runtime;
    }

    /** Signs (builder) and checks (git gateway) the source URLs kpack fetches; null unless builds run on kpack. */
    private SourceUrls sourceUrls() {
        if (config.builder().builderKind() != BuilderKind.KPACK) {
            return null;
        }
        String key = secrets.base64Key(config.builder().kpack().sourceSigningKey(), "source-url");
        try {
            return new SourceUrls(Base64.getDecoder().decode(key), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("builder.kpack.sourceSigningKey must be base64 of at least 16 bytes: "
                    + e.getMessage() + " (make one with: openssl rand -base64 32)", e);
        }
    }

    /** The config-var cipher; the API (writes) and the runtime (reads) must use the same master key. */
    private SecretBox secretBox() {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secrets.base64Key(config.masterKey(), "master"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("masterKey is not valid base64: " + e.getMessage()
                    + " (make one with: openssl rand -base64 32)", e);
        }
        return new SecretBox(key, new SecureRandom());
    }

    /** The SSH host key fingerprint users compare on first connect; call after start. */
    String sshHostKeyFingerprint() {
        return gitGateway == null ? "" : gitGateway.hostKeyFingerprint();
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
