package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.FileArtifactStore;
import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.build.releases.ReleaseDeployer;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.SandboxConfig;
import cloud.nextmcp.build.sandbox.Sandboxes;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Releases;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.testing.TestPostgres;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/** A real database, event bus, sandbox and artifact store, and a runtime on them, for runtime tests. */
public final class RuntimeFixture implements AutoCloseable {
    public static final RuntimeConfig CONFIG = new RuntimeConfig("test-node", 20, 50, 0, 2, 200, 5, 30, 60, null, null);
    static final PublicEndpoints ENDPOINTS = new PublicEndpoints("http://localhost:8000", "localhost", 2222,
            "http://localhost:8000", "apps.localhost", "http://localhost:8080");

    public final Jdbi jdbi;
    public final EventBus events;
    public final DataDirectory data;
    public final FileArtifactStore store;
    public final Sandbox sandbox;
    public final SecretBox secrets = new SecretBox(new SecureRandom().generateSeed(32), new SecureRandom());
    public final Releases releases;
    public final ReleaseDeployer deployer;
    final TestApps apps;
    private final long team;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RuntimeConfig config;
    private final BillingConfig billing;
    public LocalRuntime runtime;

    public RuntimeFixture(Path tmp) {
        this(tmp, CONFIG);
    }

    public RuntimeFixture(Path tmp, RuntimeConfig config) {
        this(tmp, config, BillingConfig.disabled());
    }

    /** billing: the plans the runtime reads its apps' memory limits from. */
    public RuntimeFixture(Path tmp, RuntimeConfig config, BillingConfig billing) {
        this.config = config;
        this.billing = billing;
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        data = new DataDirectory(tmp.resolve("data"));
        sandbox = Sandboxes.detect(SandboxConfig.defaults(), data.sandbox());
        store = new FileArtifactStore(data);
        apps = new TestApps(store, tmp.resolve("scratch"));
        releases = new Releases(jdbi, new ConfigVars(secrets));
        deployer = new ReleaseDeployer(config, jdbi, events, secrets);
        team = jdbi.onDemand(TeamDao.class).insert("runtime-team", false).id();
        startRuntime();
    }

    public void startRuntime() {
        runtime = new LocalRuntime(config, jdbi, events, data, sandbox, store, secrets, ENDPOINTS,
                new Entitlements(billing, Clock.systemUTC()));
        runtime.start();
    }

    public App app(String name) {
        return jdbi.onDemand(AppDao.class).insert(name, team, null);
    }

    /** Deploys like the build worker does after a successful build; the build's log lines are collected. */
    public int deploy(App app, Artifact artifact, List<String> log) throws DeployException {
        String sha = String.format("%040x", new BigInteger(160, ThreadLocalRandom.current()));
        Build build = jdbi.onDemand(BuildDao.class).enqueue(app.id(), sha, "refs/heads/main", null);
        return deployer.deploy(app, build, artifact, log::add);
    }

    public int deploy(App app, Artifact artifact) throws DeployException {
        return deploy(app, artifact, new ArrayList<>());
    }

    public Integer routedVersion(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT release_version FROM routes WHERE app_id = :a AND kind = 'production'")
                .bind("a", appId).mapTo(Integer.class).one());
    }

    /** Instance rows of the app: id, release_version, address, state, restarts. */
    public List<Map<String, Object>> instances(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, release_version, address, state, restarts FROM instances "
                + "WHERE app_id = :a ORDER BY id").bind("a", appId).mapToMap().list());
    }

    /** The healthy instances of the release the route points at, as the router would pick them. */
    public List<Map<String, Object>> served(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT i.id, i.address, i.restarts FROM instances i "
                + "JOIN routes r ON r.app_id = i.app_id AND r.kind = 'production' AND r.release_version = i.release_version "
                + "WHERE i.app_id = :a AND i.state = 'healthy' ORDER BY i.id").bind("a", appId).mapToMap().list());
    }

    /** GET http://address/path, or null when nothing answers there. */
    public String get(Object address, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the app answers through its served instance (waits until exactly one serves). */
    public String answer(long appId) {
        List<Map<String, Object>> served = Eventually.until(() -> served(appId), l -> l.size() == 1, "one served instance");
        return get(served.get(0).get("address"), "/");
    }

    public List<String> logLines(long appId, String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT line FROM log_lines WHERE app_id = :a AND source = :s ORDER BY id")
                .bind("a", appId).bind("s", source).mapTo(String.class).list());
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
        events.close();
    }
}
