package cloud.nextmcp.build.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.builds.BuildWorker;
import cloud.nextmcp.build.builds.BuilderConfig;
import cloud.nextmcp.build.kpack.KpackBuild;
import cloud.nextmcp.build.kpack.KpackConfig;
import cloud.nextmcp.build.runtime.Eventually;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.BuildStatus;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.sources.SourceUrls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push in cluster mode end to end against the mock API server: the build worker with the kpack backend creates
 * the app's kpack Image, the test plays kpack (a Build for the Image's generation, its pod's step logs, its
 * Succeeded condition and latestImage), and the Kubernetes runtime then runs that image by digest.
 */
class KpackPushIT {
    /** Every call the kpack builder made across this class's tests, as RBAC grants in the builds namespace. */
    private static final Set<String> CALLS = ConcurrentHashMap.newKeySet();
    private static final String SHA = "a".repeat(40);
    private static final String DIGEST = "sha256:" + "c".repeat(64);
    private static final ResourceDefinitionContext IMAGES = new ResourceDefinitionContext.Builder().withGroup("kpack.io")
            .withVersion("v1alpha2").withKind("Image").withPlural("images").withNamespaced(true).build();
    private static final ResourceDefinitionContext BUILDS = new ResourceDefinitionContext.Builder().withGroup("kpack.io")
            .withVersion("v1alpha2").withKind("Build").withPlural("builds").withNamespaced(true).build();
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path tmp;
    private ClusterFixture f;
    private BuildWorker worker;

    @BeforeEach
    void setUp() {
        f = new ClusterFixture(tmp);
        KpackConfig kpack = new KpackConfig("builds", null, "registry.example.com/nextmcp/", "nextmcp-builder", "kpack-push",
                null, null, null);
        KpackBuild backend = new KpackBuild(kpack, "test-platform", f.cluster.platformClient, f.jdbi,
                new SourceUrls(KEY, Clock.systemUTC()), "http://git.nextmcp.svc:2280", Duration.ofSeconds(60),
                Duration.ofMillis(100), Clock.systemUTC());
        worker = new BuildWorker(new BuilderConfig("kpack-test", 1, 30, 2, 60, 1, null, null, null, null, "kpack", kpack),
                f.jdbi, f.events, f.deployer, backend);
        worker.start();
    }

    @AfterEach
    void tearDown() {
        worker.close();
        CALLS.addAll(f.cluster.calls.grants("builds"));
        f.close();
    }

    /** The chart grants ClusterPermissions.KPACK (NextmcpChartTest); here the builder must call exactly those. */
    @AfterAll
    static void theBuilderCallsExactlyWhatClusterPermissionsGrants() {
        ApiCalls.assertGrantsMatch(CALLS, ClusterPermissions.KPACK, "the kpack builder");
    }

    @Test
    void aPushBuildsOnKpackStreamsItsStepsAndRunsTheImageByDigest() {
        App app = f.app("weather");
        Build build = push(app);

        GenericKubernetesResource image = awaitImage("weather", 1);
        Map<String, Object> spec = spec(image);
        assertThat(spec).containsEntry("tag", "registry.example.com/nextmcp/weather")
                .containsEntry("serviceAccountName", "kpack-push")
                .containsEntry("builder", Map.of("kind", "ClusterBuilder", "name", "nextmcp-builder"));
        URI source = URI.create(sourceUrl(spec));
        assertThat(source.getHost()).isEqualTo("git.nextmcp.svc");
        assertThat(source.getPath()).isEqualTo("/source/" + build.id() + ".tar.gz");
        Map<String, String> q = query(source);
        assertThat(new SourceUrls(KEY, Clock.systemUTC()).valid(build.id(), Long.parseLong(q.get("expires")), q.get("sig")))
                .as("the source URL is signed for this build").isTrue();

        String podName = playKpack("weather", 1, "weather-build-1", List.of("detect", "build", "export"));
        f.cluster.podLog(podName + "/detect", "===> DETECT\nnodejs 1.2.3\n");
        f.cluster.podLog(podName + "/build", "===> BUILD\nnpm install\n");
        f.cluster.podLog(podName + "/export", "===> EXPORT\nSaving registry.example.com/nextmcp/weather...\n");
        finishStep(podName, List.of("detect", "build", "export"));
        succeed("weather-build-1", "True", "registry.example.com/nextmcp/weather@" + DIGEST, null);

        // The release runs kpack's image by digest; once its pod is ready the push succeeds.
        f.readyPods("weather", 1, 1);
        Build done = Eventually.until(() -> f.jdbi.onDemand(BuildDao.class).findById(build.id()).orElseThrow(),
                b -> b.status() == BuildStatus.SUCCEEDED || b.status() == BuildStatus.FAILED, "the build to finish");
        assertThat(done.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(done.imageDigest()).isEqualTo(DIGEST);
        assertThat(f.deployment("weather").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/nextmcp/weather@" + DIGEST);
        List<String> log = buildLog(build.id());
        assertThat(log).containsSubsequence("-----> Building in the cluster with kpack (builder nextmcp-builder)",
                "===> DETECT", "nodejs 1.2.3", "===> BUILD", "npm install", "===> EXPORT",
                "-----> Image registry.example.com/nextmcp/weather@" + DIGEST, "-----> Releasing v1...");
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
    }

    @Test
    void aFailedKpackBuildRejectsThePushAndMakesNoRelease() {
        App app = f.app("weather");
        Build build = push(app);
        awaitImage("weather", 1);
        String podName = playKpack("weather", 1, "weather-build-1", List.of("detect"));
        f.cluster.podLog(podName + "/detect", "===> DETECT\nERROR: No buildpack groups passed detection.\n");
        finishStep(podName, List.of("detect"));
        succeed("weather-build-1", "False", null, "Build failed: step detect exited with 1");

        Build done = Eventually.until(() -> f.jdbi.onDemand(BuildDao.class).findById(build.id()).orElseThrow(),
                b -> b.status() == BuildStatus.FAILED || b.status() == BuildStatus.SUCCEEDED, "the build to finish");
        assertThat(done.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(done.error()).isEqualTo("the kpack build failed: Build failed: step detect exited with 1");
        assertThat(buildLog(build.id())).contains("ERROR: No buildpack groups passed detection.",
                "-----> Build failed: the kpack build failed: Build failed: step detect exited with 1");
        int releases = f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM releases").mapTo(Integer.class).one());
        assertThat(releases).isZero();
    }

    private Build push(App app) {
        Build build = f.jdbi.onDemand(BuildDao.class).enqueue(app.id(), SHA, "refs/heads/main", null);
        f.events.publish(Channels.BUILDS, Long.toString(build.id()));
        return build;
    }

    private GenericKubernetesResource awaitImage(String name, long generation) {
        return Eventually.until(() -> f.cluster.client.genericKubernetesResources(IMAGES).inNamespace("builds").withName(name)
                .get(), i -> i != null && i.getMetadata().getGeneration() != null
                && i.getMetadata().getGeneration() == generation, "the kpack Image");
    }

    /** kpack's part: a Build for the Image's generation, and its pod with the steps as init containers. */
    private String playKpack(String image, long generation, String buildName, List<String> steps) {
        String podName = buildName + "-build-pod";
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace("builds").endMetadata()
                .withNewSpec().addNewContainer().withName("completion").withImage("kpack/completion").endContainer().endSpec();
        steps.forEach(s -> pod.editSpec().addNewInitContainer().withName(s).withImage("kpack/" + s).endInitContainer().endSpec());
        f.cluster.client.resource(pod.build()).create();
        Map<String, Object> status = new HashMap<>();
        status.put("podName", podName);
        status.put("conditions", List.of(Map.of("type", "Succeeded", "status", "Unknown")));
        f.cluster.client.genericKubernetesResources(BUILDS).inNamespace("builds").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("kpack.io/v1alpha2").withKind("Build")
                .withNewMetadata().withName(buildName).withNamespace("builds")
                .addToLabels("image.kpack.io/image", image).addToLabels("image.kpack.io/imageGeneration", Long.toString(generation))
                .endMetadata().withAdditionalProperties(Map.of("status", status)).build()).create();
        return podName;
    }

    private void finishStep(String podName, List<String> steps) {
        Pod pod = f.cluster.client.pods().inNamespace("builds").withName(podName).get();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
        steps.forEach(s -> pod.getStatus().getInitContainerStatuses().add(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName(s).withNewState().withNewTerminated().withExitCode(0).endTerminated().endState().build()));
        f.cluster.client.resource(pod).update();
    }

    private void succeed(String buildName, String succeeded, String latestImage, String message) {
        GenericKubernetesResource b = f.cluster.client.genericKubernetesResources(BUILDS).inNamespace("builds")
                .withName(buildName).get();
        Map<String, Object> condition = new HashMap<>(Map.of("type", "Succeeded", "status", succeeded));
        if (message != null) {
            condition.put("message", message);
        }
        Map<String, Object> status = new HashMap<>(Map.of("podName", buildName + "-build-pod", "conditions", List.of(condition)));
        if (latestImage != null) {
            status.put("latestImage", latestImage);
        }
        b.getAdditionalProperties().put("status", status);
        f.cluster.client.genericKubernetesResources(BUILDS).inNamespace("builds").resource(b).update();
    }

    private List<String> buildLog(long buildId) {
        return f.jdbi.withHandle(h -> h.createQuery("SELECT line FROM log_lines WHERE build_id = :b ORDER BY id")
                .bind("b", buildId).mapTo(String.class).list());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource image) {
        return (Map<String, Object>) image.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static String sourceUrl(Map<String, Object> spec) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) spec.get("source")).get("blob")).get("url");
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> q = new HashMap<>();
        for (String part : url.getQuery().split("&")) {
            String[] kv = part.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        return q;
    }
}
