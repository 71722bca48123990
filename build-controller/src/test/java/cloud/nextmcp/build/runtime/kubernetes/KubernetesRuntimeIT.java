package cloud.nextmcp.build.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.autoscale.AutoscaleConfig;
import cloud.nextmcp.build.autoscale.Autoscaler;
import cloud.nextmcp.build.runtime.Eventually;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.autoscale.AppLoadDao;
import cloud.nextmcp.core.autoscale.AutoscaleStateDao;
import cloud.nextmcp.core.autoscale.Autoscaling;
import cloud.nextmcp.core.autoscale.SleepState;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes runtime against fabric8's mock API server in CRUD mode and a real PostgreSQL: the test plays
 * the Deployment controller and the kubelet (it creates pods from the Deployment's template and sets their
 * status), and checks what a user would see: the objects in the cluster, the route, the instance rows, the log.
 */
class KubernetesRuntimeIT {
    /** Every call the runtime made across this class's tests, as RBAC grants in the apps namespace. */
    private static final Set<String> CALLS = ConcurrentHashMap.newKeySet();
    private static final String IMAGE_1 = "registry.example.com/nextmcp/weather@sha256:" + "1".repeat(64);
    private static final String IMAGE_2 = "registry.example.com/nextmcp/weather@sha256:" + "2".repeat(64);

    @TempDir
    Path tmp;
    private ClusterFixture f;

    /** The chart grants ClusterPermissions.RUNTIME (NextmcpChartTest); here the runtime must call exactly those. */
    @AfterAll
    static void theRuntimeCallsExactlyWhatClusterPermissionsGrants() {
        ApiCalls.assertGrantsMatch(CALLS, ClusterPermissions.RUNTIME, "the runtime");
    }

    @BeforeEach
    void setUp() {
        f = new ClusterFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        CALLS.addAll(f.cluster.calls.grants(ClusterFixture.NAMESPACE));
        f.close();
    }

    @Test
    void aDeployAppliesTheWorkloadAndSwitchesTheRouteOnlyWhenItsPodsAreReady() throws Exception {
        App app = f.app("weather");
        f.releases.setConfig(app.id(), Map.of("API_KEY", "s3cret"), null);
        List<String> log = new ArrayList<>();
        CompletableFuture<Integer> deploy = f.deploy(app, f.builtImage(app, IMAGE_1), log);

        Deployment d = f.deploymentOf("weather", 1);
        assertThat(d.getMetadata().getLabels()).containsEntry(ClusterLabels.OWNER, "test-platform")
                .containsEntry(ClusterLabels.APP, "weather").containsEntry(ClusterLabels.RELEASE, "1");
        assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry(ClusterLabels.OWNER, "test-platform")
                .containsEntry(ClusterLabels.PROCESS, "web").doesNotContainKey(ClusterLabels.RELEASE);
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(20L);
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        Container web = pod.getContainers().get(0);
        assertThat(web.getImage()).isEqualTo(IMAGE_1);
        assertThat(web.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("PORT", "8080"),
                        org.assertj.core.groups.Tuple.tuple("NEXTMCP_RELEASE", "v1"));
        assertThat(web.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("weather-v1-env");
        assertThat(web.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(8080);
        assertThat(web.getLivenessProbe()).isNotNull();
        assertThat(web.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(3L);
        assertThat(web.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        assertThat(web.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
        assertThat(web.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(web.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(web.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(web.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(web.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(web.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));

        Secret secret = f.cluster.client.secrets().inNamespace(ClusterFixture.NAMESPACE).withName("weather-v1-env").get();
        assertThat(secret.getImmutable()).isTrue();
        String apiKey = secret.getStringData() != null && secret.getStringData().containsKey("API_KEY")
                ? secret.getStringData().get("API_KEY")
                : new String(Base64.getDecoder().decode(secret.getData().get("API_KEY")), StandardCharsets.UTF_8);
        assertThat(apiKey).isEqualTo("s3cret");

        NetworkPolicy policy = f.cluster.client.network().v1().networkPolicies().inNamespace(ClusterFixture.NAMESPACE)
                .withName("weather").get();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/component", "router"));
                assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "nextmcp"));
            });
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080);
        });
        assertThat(policy.getSpec().getEgress().get(0).getTo()).anySatisfy(peer ->
                assertThat(peer.getIpBlock().getExcept()).containsExactly("169.254.169.254/32"));

        // The pod exists but is not ready: no route yet, the deploy still waits.
        Pod first = f.cluster.startPods(d, 1).get(0);
        Eventually.until(() -> f.instances(app.id()), rows -> rows.size() == 1, "a starting row");
        assertThat(f.instances(app.id()).get(0)).containsEntry("state", "starting");
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(deploy).isNotDone();
        assertThat(f.routedVersion(app.id())).isNull();

        f.cluster.podLog(first.getMetadata().getName(), "listening on 8080\nready\n");
        f.cluster.ready(first);
        assertThat(deploy.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
        assertThat(f.served(app.id())).containsExactly(first.getStatus().getPodIP() + ":8080");
        assertThat(f.instances(app.id()).get(0)).containsEntry("process_index", 1).containsEntry("release_version", 1);
        assertThat(Eventually.until(() -> f.logLines(app.id(), "web.1"), l -> l.size() == 2, "the pod's log"))
                .containsExactly("listening on 8080", "ready");
        assertThat(log).contains("-----> Releasing v1...");
    }

    @Test
    void configChangeScaleRestartAndRollbackRollTheSameImageWithoutABuild() throws Exception {
        App app = f.app("weather");
        Pod v1Pod = f.releasedV1(app, IMAGE_1);

        // A config change is a new release of the same image: new Secret, new pods; v1 serves until they are ready.
        f.releases.setConfig(app.id(), Map.of("GREETING", "hi"), null);
        Deployment d2 = f.deploymentOf("weather", 2);
        assertThat(d2.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE_1);
        assertThat(f.cluster.client.secrets().inNamespace(ClusterFixture.NAMESPACE).withName("weather-v2-env").get()).isNotNull();
        Pod v2Pod = f.cluster.startPods(d2, 1).get(0);
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
        f.cluster.ready(v2Pod);
        Eventually.until(() -> f.routedVersion(app.id()), v -> v != null && v == 2, "the route on v2");
        assertThat(f.served(app.id())).containsExactly(v2Pod.getStatus().getPodIP() + ":8080");
        f.cluster.delete(v1Pod);
        Eventually.until(() -> f.instances(app.id()), rows -> rows.size() == 1, "v1's row gone with its pod");
        Eventually.until(() -> f.cluster.client.secrets().inNamespace(ClusterFixture.NAMESPACE).withName("weather-v1-env").get(),
                s -> s == null, "v1's Secret removed once its pods are gone");

        f.releases.scale(app.id(), "web", 3);
        Eventually.until(() -> f.deployment("weather").getSpec().getReplicas(), r -> r == 3, "3 replicas");
        List<Pod> more = f.readyPods("weather", 2, 2);
        Eventually.until(() -> f.served(app.id()), s -> s.size() == 3, "three served pods");
        assertThat(f.instances(app.id())).extracting(r -> r.get("process_index")).containsExactlyInAnyOrder(1, 2, 3);

        f.releases.restart(app.id());
        Eventually.until(() -> f.deployment("weather").getSpec().getTemplate().getMetadata().getAnnotations(),
                a -> a != null && a.containsKey(ClusterLabels.RESTARTED_AT), "the restartedAt annotation");

        // A crash the kubelet restarts is counted on the row and said in the app's log.
        f.cluster.restartedAndReady(more.get(0), 1);
        Eventually.until(() -> f.instances(app.id()).stream().mapToInt(r -> (Integer) r.get("restarts")).sum(), n -> n == 1,
                "the restart counted");
        assertThat(Eventually.until(() -> f.logLines(app.id(), "platform"),
                l -> l.stream().anyMatch(s -> s.contains("restarted by Kubernetes")), "the restart logged")).isNotEmpty();

        int builds = f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM builds").mapTo(Integer.class).one());
        f.releases.rollback(app.id(), 1, null);
        Deployment d3 = f.deploymentOf("weather", 3);
        assertThat(d3.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE_1);
        assertThat(d3.getSpec().getReplicas()).isEqualTo(3);
        f.readyPods("weather", 3, 3);
        Eventually.until(() -> f.routedVersion(app.id()), v -> v != null && v == 3, "the route on v3");
        int buildsAfter = f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM builds").mapTo(Integer.class).one());
        assertThat(buildsAfter).isEqualTo(builds);
    }

    @Test
    void anIdleAutoscaledAppGoesToZeroReplicasAndARoutersWakeRequestBringsAPodBack() throws Exception {
        App app = f.app("weather");
        Pod v1Pod = f.releasedV1(app, IMAGE_1);
        try (Autoscaler autoscaler = new Autoscaler(f.jdbi, f.events, new AutoscaleConfig(200, null, null), Clock.systemUTC())) {
            autoscaler.start();
            f.jdbi.useHandle(h -> new Autoscaling().put(h, app.id(), 0, 3, 1, 20));

            // No router reports a request: after the 1 s idle period the Deployment goes to zero replicas.
            Eventually.until(() -> f.deployment("weather").getSpec().getReplicas(), r -> r == 0, "0 replicas once idle");
            f.cluster.delete(v1Pod); // what the Deployment controller does next
            Eventually.until(() -> f.served(app.id()), List::isEmpty, "no served instance");
            assertThat(f.routedVersion(app.id())).as("the route stays, so that a router holds requests and wakes the app")
                    .isEqualTo(1);
            assertThat(f.logLines(app.id(), "platform")).anyMatch(l -> l.startsWith("Asleep: "));

            // A router holding a request asks for a wake, as router/wake does: a row and NOTIFY wakes.
            f.jdbi.useHandle(h -> {
                h.attach(AppLoadDao.class).wakeRequested(app.id(), "router-a", 1);
                EventBus.publish(h, Channels.WAKES, Long.toString(app.id()));
            });
            Eventually.until(() -> f.deployment("weather").getSpec().getReplicas(), r -> r == 1, "1 replica on the wake");
            assertThat(f.deployment("weather").getSpec().getTemplate().getMetadata().getLabels())
                    .as("the same release wakes, no new rollout").containsEntry(ClusterLabels.RELEASE, "1");
            List<Pod> woken = f.readyPods("weather", 1, 1);
            Eventually.until(() -> f.served(app.id()), s -> s.equals(List.of(woken.get(0).getStatus().getPodIP() + ":8080")),
                    "the woken pod served");
            // The autoscaler marks it awake at its next round once it sees the healthy instance.
            Eventually.until(() -> f.jdbi.withHandle(h -> h.attach(AutoscaleStateDao.class).find(app.id())).orElseThrow().state(),
                    s -> s == SleepState.AWAKE, "the app awake");
        }
    }

    @Test
    void aCrashLoopingReleaseFailsWithKubernetesReasonAndTheOldOneKeepsServing() throws Exception {
        App app = f.app("weather");
        Pod v1Pod = f.releasedV1(app, IMAGE_1);

        CompletableFuture<Integer> v2 = f.deploy(app, f.builtImage(app, IMAGE_2), new ArrayList<>());
        Deployment d2 = f.deploymentOf("weather", 2);
        assertThat(d2.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE_2);
        Pod broken = f.cluster.startPods(d2, 1).get(0);
        f.cluster.waiting(broken, "CrashLoopBackOff", 3);

        assertThatThrownBy(() -> v2.get(20, TimeUnit.SECONDS)).hasMessageContaining("v2 failed: CrashLoopBackOff")
                .hasMessageContaining("the previous release keeps serving");
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
        assertThat(f.served(app.id())).containsExactly(v1Pod.getStatus().getPodIP() + ":8080");
        // The Deployment goes back to the live release, so Kubernetes replaces the crashing pod with v1's.
        Deployment back = f.deploymentOf("weather", 1);
        assertThat(back.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE_1);
        assertThat(f.logLines(app.id(), "platform")).anyMatch(l -> l.startsWith("v2 failed: CrashLoopBackOff"));
    }

    @Test
    void aRestartedPlatformConvergesWithoutDuplicatesAndDestroyTouchesOnlyItsOwnObjects() throws Exception {
        App app = f.app("weather");
        CompletableFuture<Integer> v1 = f.deploy(app, f.builtImage(app, IMAGE_1), new ArrayList<>());
        f.releases.scale(app.id(), "web", 2);
        List<Pod> pods = f.readyPods("weather", 1, 2);
        assertThat(v1.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        Eventually.until(() -> f.served(app.id()), s -> s.size() == 2, "two served pods");
        Map<Object, Object> indexes = f.instances(app.id()).stream()
                .collect(Collectors.toMap(r -> r.get("id"), r -> r.get("process_index")));
        Deployment foreign = f.cluster.client.resource(new DeploymentBuilder(f.deployment("weather"))
                .editMetadata().withName("someone-elses").withResourceVersion(null).withUid(null)
                .removeFromLabels(ClusterLabels.OWNER).endMetadata().build()).create();

        f.runtime.close();
        // While the platform is down, one pod goes away.
        f.cluster.delete(pods.get(1));
        f.startRuntime();

        List<Map<String, Object>> rows = Eventually.until(() -> f.instances(app.id()), r -> r.size() == 1,
                "the deleted pod's row gone, the other kept once");
        assertThat(rows.get(0).get("id")).isEqualTo(pods.get(0).getMetadata().getName());
        assertThat(rows.get(0).get("process_index")).isEqualTo(indexes.get(pods.get(0).getMetadata().getName()));
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
        assertThat(f.cluster.client.apps().deployments().inNamespace(ClusterFixture.NAMESPACE).list().getItems())
                .hasSize(2);

        f.jdbi.onDemand(AppDao.class).delete(app.id());
        f.events.publish(Channels.APPS, Long.toString(app.id()));
        Eventually.until(() -> f.deployment("weather"), d -> d == null, "the app's Deployment removed");
        // Destroy removes the Deployment first, then the NetworkPolicy and the Secrets.
        Eventually.until(() -> f.cluster.client.network().v1().networkPolicies().inNamespace(ClusterFixture.NAMESPACE).list()
                .getItems(), List::isEmpty, "the app's NetworkPolicy removed");
        Eventually.until(() -> f.cluster.client.secrets().inNamespace(ClusterFixture.NAMESPACE).list().getItems(),
                List::isEmpty, "the app's Secrets removed");
        assertThat(f.cluster.client.apps().deployments().inNamespace(ClusterFixture.NAMESPACE).withName("someone-elses").get())
                .isNotNull();
        assertThat(foreign.getMetadata().getLabels()).doesNotContainKey(ClusterLabels.OWNER);
    }

    @Test
    void aReleaseWithoutAnImageFailsWithAMessageSayingWhatToConfigure() {
        App app = f.app("weather");
        Build build = f.builtImage(app, null);
        CompletableFuture<Integer> deploy = f.deploy(app, build, new ArrayList<>());
        assertThatThrownBy(() -> deploy.get(20, TimeUnit.SECONDS)).hasMessageContaining("has no image")
                .hasMessageContaining("builder.kind: kpack");
    }
}
