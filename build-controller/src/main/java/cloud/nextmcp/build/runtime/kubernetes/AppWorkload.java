package cloud.nextmcp.build.runtime.kubernetes;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.ArtifactStore;
import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.build.runtime.DesiredStates;
import cloud.nextmcp.build.runtime.ReleaseSwitch;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.ReleaseStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one app's objects in the cluster to its desired state, and settles its pending release from what its
 * pods report: live (route switched) once as many of its pods are ready as the formation asks for, failed with
 * Kubernetes' reason (ImagePullBackOff, CrashLoopBackOff, OOMKilled) or after the health timeout. A failed
 * release is no longer desired, so the next pass applies the live release again and its pods keep serving.
 * Always called on the app's serial executor.
 */
final class AppWorkload {
    private static final Logger LOG = LoggerFactory.getLogger(AppWorkload.class);

    private final long appId;
    private final KubernetesConfig config;
    private final KubernetesClient client;
    private final Workloads workloads;
    private final Jdbi jdbi;
    private final DesiredStates desired;
    private final ReleaseSwitch releaseSwitch;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final LogWriter logs;
    private final Function<Long, List<Pod>> podsOfApp;
    private final Duration readyTimeout;
    private final Clock clock;
    /** When this runtime first applied each pending release, for the ready timeout. */
    private final Map<Integer, Instant> pendingSince = new ConcurrentHashMap<>();
    private String appName;

    AppWorkload(long appId, KubernetesConfig config, KubernetesClient client, Jdbi jdbi, DesiredStates desired,
                ReleaseSwitch releaseSwitch, ConfigVars configVars, ArtifactStore artifacts, LogWriter logs,
                Function<Long, List<Pod>> podsOfApp, Duration readyTimeout, Clock clock) {
        this.appId = appId;
        this.config = config;
        this.client = client;
        this.workloads = new Workloads(config);
        this.jdbi = jdbi;
        this.desired = desired;
        this.releaseSwitch = releaseSwitch;
        this.configVars = configVars;
        this.artifacts = artifacts;
        this.logs = logs;
        this.podsOfApp = podsOfApp;
        this.readyTimeout = readyTimeout;
        this.clock = clock;
    }

    /** Applies the desired release and formation (or removes the app's objects when nothing is to run), then settles. */
    void reconcile() {
        Optional<DesiredStates.Desired> wanted = desired.of(appId);
        if (wanted.isEmpty()) {
            destroy();
            return;
        }
        DesiredStates.Desired d = wanted.get();
        appName = d.app().name();
        Release release = d.release();
        Optional<String> image = Optional.ofNullable(release.buildId())
                .flatMap(b -> jdbi.withExtension(BuildDao.class, dao -> dao.image(b)));
        if (image.isEmpty()) {
            if (release.status() == ReleaseStatus.PENDING) {
                fail(release.version(), "its build has no image: the Kubernetes runtime runs images (set builder.kind: kpack "
                        + "or builder.images)");
            }
            return;
        }
        Workloads.Spec spec = new Workloads.Spec(appId, appName, release.version(), d.formation().quantity(), image.get(),
                configVars.openSnapshot(appId, release.configSealed()), healthPath(release), d.formation().restartRequestedAt());
        apply(workloads.secret(spec));
        apply(workloads.networkPolicy(appId, appName));
        apply(workloads.deployment(spec));
        if (release.status() == ReleaseStatus.PENDING) {
            if (pendingSince.putIfAbsent(release.version(), clock.instant()) == null) {
                platform("Rolling out " + release.label() + " (web × " + d.formation().quantity() + ", image " + image.get() + ")");
            }
        }
        removeOldSecrets(release.version());
        settle();
    }

    /** Marks the pending release live or failed if its pods say so; nothing when it is still coming up. */
    void settle() {
        Optional<Release> pending = jdbi.withExtension(ReleaseDao.class, d -> d.desired(appId))
                .filter(r -> r.status() == ReleaseStatus.PENDING);
        if (pending.isEmpty() || !pendingSince.containsKey(pending.get().version())) {
            return;
        }
        int version = pending.get().version();
        int replicas = desired.of(appId).map(d -> d.formation().quantity()).orElse(0);
        List<Pod> pods = podsOfApp.apply(appId).stream()
                .filter(p -> ClusterLabels.release(p.getMetadata().getLabels()).orElse(-1) == version).toList();
        Optional<String> failure = pods.stream().map(PodStatus::failure).flatMap(Optional::stream).findFirst();
        long ready = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).filter(PodStatus::ready).count();
        if (failure.isPresent()) {
            fail(version, failure.get());
        } else if (ready >= replicas) {
            if (releaseSwitch.goLive(appId, version)) {
                pendingSince.remove(version);
                platform("v" + version + " is live (" + ready + " of " + replicas + " pods ready)");
            }
        } else if (clock.instant().isAfter(pendingSince.get(version).plus(readyTimeout))) {
            fail(version, ready + " of " + replicas + " pods became ready within " + readyTimeout.toSeconds() + " s");
        }
    }

    private void fail(int version, String reason) {
        pendingSince.remove(version);
        releaseSwitch.fail(appId, version, reason);
        platform("v" + version + " failed: " + reason + "; the previous release keeps serving");
        // The failed release is no longer desired: put the live one's template back so the stuck pods go.
        reconcile();
    }

    /** Removes every object of this app that carries this platform's owner label; nothing else. */
    void destroy() {
        Map<String, String> selector = ClusterLabels.ofApp(config.owner(), appId);
        String ns = config.namespace();
        boolean any = !client.apps().deployments().inNamespace(ns).withLabels(selector).list().getItems().isEmpty();
        client.apps().deployments().inNamespace(ns).withLabels(selector).delete();
        client.network().v1().networkPolicies().inNamespace(ns).withLabels(selector).delete();
        client.secrets().inNamespace(ns).withLabels(selector).delete();
        pendingSince.clear();
        if (any) {
            LOG.info("App {}: removed its Deployment, NetworkPolicy and Secrets from namespace {}", appId, ns);
        }
    }

    private void removeOldSecrets(int desiredVersion) {
        Optional<Integer> live = jdbi.withExtension(ReleaseDao.class, d -> d.live(appId)).map(Release::version);
        Set<String> keep = new HashSet<>(Set.of(Integer.toString(desiredVersion)));
        live.ifPresent(v -> keep.add(Integer.toString(v)));
        // Secrets of releases whose pods still run stay until those pods are gone.
        podsOfApp.apply(appId).forEach(p -> ClusterLabels.release(p.getMetadata().getLabels())
                .ifPresent(v -> keep.add(Integer.toString(v))));
        for (Secret secret : client.secrets().inNamespace(config.namespace())
                .withLabels(ClusterLabels.ofApp(config.owner(), appId)).list().getItems()) {
            String version = secret.getMetadata().getLabels().get(ClusterLabels.RELEASE);
            if (version != null && !keep.contains(version)) {
                client.resource(secret).delete();
            }
        }
    }

    private String healthPath(Release release) {
        return artifacts.find(release.artifactDigest()).map(Artifact::healthPath).orElse(null);
    }

    private <T extends HasMetadata> void apply(T object) {
        client.resource(object).fieldManager("nextmcp").forceConflicts().serverSideApply();
    }

    private void platform(String message) {
        LOG.info("App {} ({}): {}", appName, appId, message);
        logs.append(appId, "platform", message);
    }
}
