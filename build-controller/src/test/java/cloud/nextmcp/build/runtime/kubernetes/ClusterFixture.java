package cloud.nextmcp.build.runtime.kubernetes;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.build.releases.ReleaseDeployer;
import cloud.nextmcp.build.runtime.Eventually;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Releases;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.testing.TestPostgres;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** A real database and event bus, the mock API server, and a {@link KubernetesRuntime} on them. */
final class ClusterFixture implements AutoCloseable {
    static final String NAMESPACE = "apps";
    static final RuntimeConfig CONFIG = new RuntimeConfig("unused", 20, 50, 0, 2, 200, 5, 30, 60, null, null, "kubernetes",
            new KubernetesConfig(NAMESPACE, null, "test-platform", null, null, null, null, "256Mi", null, null, null, 20, 3,
                    null, Map.of("app.kubernetes.io/component", "router"), Map.of("kubernetes.io/metadata.name", "nextmcp"),
                    null));

    final Jdbi jdbi;
    final EventBus events;
    final ClusterMock cluster = new ClusterMock();
    final SecretBox secrets = new SecretBox(new SecureRandom().generateSeed(32), new SecureRandom());
    final Releases releases;
    final ReleaseDeployer deployer;
    private final long team;
    private final Path artifacts;
    KubernetesRuntime runtime;

    ClusterFixture(Path tmp) {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        releases = new Releases(jdbi, new ConfigVars(secrets));
        deployer = new ReleaseDeployer(CONFIG, jdbi, events, secrets);
        team = jdbi.onDemand(TeamDao.class).insert("cluster-team", false).id();
        artifacts = tmp;
        startRuntime();
    }

    void startRuntime() {
        runtime = new KubernetesRuntime(CONFIG, cluster.platformClient, jdbi, events, secrets, digest -> Optional.empty(),
                new Entitlements(BillingConfig.disabled(), Clock.systemUTC()));
        runtime.start();
    }

    App app(String name) {
        return jdbi.onDemand(AppDao.class).insert(name, team, null);
    }

    /** A build that produced this image, as the kpack builder or the image publisher records it. */
    Build builtImage(App app, String image) {
        String sha = HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
        Build build = jdbi.onDemand(BuildDao.class).enqueue(app.id(), sha, "refs/heads/main", null);
        jdbi.useHandle(h -> h.createUpdate("UPDATE builds SET image = :image WHERE id = :id")
                .bind("image", image).bind("id", build.id()).execute());
        return build;
    }

    /** Deploys the build as the build worker does; completes when the runtime settles the release. */
    CompletableFuture<Integer> deploy(App app, Build build, List<String> log) {
        Artifact artifact = new Artifact(HexFormat.of().formatHex(new SecureRandom().generateSeed(32)), artifacts,
                "kpack", null, null, Map.of(), null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deployer.deploy(app, build, artifact, log::add);
            } catch (DeployException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Deploys the image as v1 with one pod, makes the pod ready and returns it once v1 is released. */
    Pod releasedV1(App app, String image) throws Exception {
        CompletableFuture<Integer> v1 = deploy(app, builtImage(app, image), new ArrayList<>());
        Pod pod = readyPods(app.name(), 1, 1).get(0);
        int version = v1.get(20, TimeUnit.SECONDS);
        if (version != 1) {
            throw new IllegalStateException("the first deploy of " + app.name() + " released v" + version);
        }
        return pod;
    }

    Deployment deployment(String app) {
        return cluster.client.apps().deployments().inNamespace(NAMESPACE).withName(Workloads.deploymentName(app)).get();
    }

    /** Waits for the Deployment's pod template to be of this release. */
    Deployment deploymentOf(String app, int version) {
        return Eventually.until(() -> deployment(app), d -> d != null && String.valueOf(version).equals(
                d.getSpec().getTemplate().getMetadata().getLabels().get(ClusterLabels.RELEASE)), app + " at v" + version);
    }

    List<Pod> readyPods(String app, int version, int n) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : cluster.startPods(deploymentOf(app, version), n)) {
            pods.add(cluster.ready(p));
        }
        return pods;
    }

    Integer routedVersion(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT release_version FROM routes WHERE app_id = :a AND kind = 'production'")
                .bind("a", appId).mapTo(Integer.class).findOne().orElse(null));
    }

    /** Instance rows: id, release_version, process_index, address, state, restarts. */
    List<Map<String, Object>> instances(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, release_version, process_index, address, state, restarts "
                + "FROM instances WHERE app_id = :a ORDER BY id").bind("a", appId).mapToMap().list());
    }

    /** The healthy instances of the routed release, as the router picks them. */
    List<String> served(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT i.address FROM instances i JOIN routes r ON r.app_id = i.app_id "
                + "AND r.kind = 'production' AND r.release_version = i.release_version WHERE i.app_id = :a "
                + "AND i.state = 'healthy' ORDER BY i.address").bind("a", appId).mapTo(String.class).list());
    }

    List<String> logLines(long appId, String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT line FROM log_lines WHERE app_id = :a AND source = :s ORDER BY id")
                .bind("a", appId).bind("s", source).mapTo(String.class).list());
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
        events.close();
        cluster.close();
    }
}
