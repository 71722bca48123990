package cloud.nextmcp.build.kpack;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.builds.BuildBackend;
import cloud.nextmcp.build.builds.BuildFailure;
import cloud.nextmcp.build.builds.BuildLease;
import cloud.nextmcp.build.builds.BuildLog;
import cloud.nextmcp.build.builds.BuildRecords;
import cloud.nextmcp.build.runtime.kubernetes.ClusterLabels;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.sources.SourceUrls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code builder.kind: kpack}: one kpack {@code Image} per app, its source a short-lived signed URL of the
 * build's commit on the git gateway. Each push changes that URL, so kpack makes a new {@code Build}; this follows
 * it the way kpack's CLI does (the Image's generation, then the Build of that generation and its
 * {@code Succeeded} condition), streams its pod's step logs into the build log, and records
 * {@code status.latestImage} (a digest) on the build row.
 */
public final class KpackBuild implements BuildBackend {
    private static final Logger LOG = LoggerFactory.getLogger(KpackBuild.class);
    static final ResourceDefinitionContext IMAGES = new ResourceDefinitionContext.Builder()
            .withGroup("kpack.io").withVersion("v1alpha2").withKind("Image").withPlural("images").withNamespaced(true).build();
    static final ResourceDefinitionContext BUILDS = new ResourceDefinitionContext.Builder()
            .withGroup("kpack.io").withVersion("v1alpha2").withKind("Build").withPlural("builds").withNamespaced(true).build();
    static final String IMAGE_LABEL = "image.kpack.io/image";
    static final String GENERATION_LABEL = "image.kpack.io/imageGeneration";

    private final KpackConfig config;
    private final String owner;
    private final KubernetesClient client;
    private final Jdbi jdbi;
    private final SourceUrls sourceUrls;
    private final String sourceUrlBase;
    private final Duration timeout;
    private final Duration poll;
    private final Clock clock;

    /**
     * @param owner         the owner label value (as the runtime's), so the platform's objects are told from others
     * @param sourceUrlBase where the cluster reaches the git gateway's HTTP server
     * @param timeout       a build running longer fails (builder.buildTimeoutSeconds)
     */
    public KpackBuild(KpackConfig config, String owner, KubernetesClient client, Jdbi jdbi, SourceUrls sourceUrls,
                      String sourceUrlBase, Duration timeout, Duration poll, Clock clock) {
        this.config = config;
        this.owner = owner;
        this.client = client;
        this.jdbi = jdbi;
        this.sourceUrls = sourceUrls;
        this.sourceUrlBase = sourceUrlBase;
        this.timeout = timeout;
        this.poll = poll;
        this.clock = clock;
    }

    @Override
    public Artifact build(App app, Build build, String worker, BuildLog log, BuildLease lease) throws BuildFailure {
        Instant deadline = clock.instant().plus(timeout);
        log.line("-----> Building in the cluster with kpack (builder " + config.clusterBuilder() + ")");
        GenericKubernetesResource image = client.genericKubernetesResources(IMAGES).inNamespace(config.namespace())
                .resource(image(app, build)).fieldManager("nextmcp").forceConflicts().serverSideApply();
        long generation = Optional.ofNullable(image.getMetadata().getGeneration()).orElse(1L);
        LOG.info("Build {} of app {}: kpack Image {}/{} at generation {}", build.id(), app.name(), config.namespace(),
                app.name(), generation);
        GenericKubernetesResource kpackBuild = awaitBuild(app, generation, deadline, lease);
        String buildName = kpackBuild.getMetadata().getName();
        new BuildPodLogs(client, config.namespace(), poll).stream(buildName, () -> current(buildName), log, deadline, lease);
        GenericKubernetesResource done = awaitSucceeded(buildName, deadline, lease);
        String latestImage = KpackStatus.field(done, "latestImage").orElseThrow(() -> new BuildFailure(
                "kpack finished build " + buildName + " without naming the image it pushed"));
        int at = latestImage.indexOf("@sha256:");
        if (at < 0) {
            throw new BuildFailure("kpack reported image " + latestImage + ", not an image by digest");
        }
        String digest = latestImage.substring(at + 1);
        log.line("-----> Image " + latestImage);
        Artifact artifact = new Artifact(digest.substring("sha256:".length()), null, "kpack", null, null, Map.of(), null);
        BuildRecords records = jdbi.onDemand(BuildRecords.class);
        records.recordArtifact(build.id(), worker, artifact);
        records.recordImage(build.id(), worker, digest, latestImage);
        return artifact;
    }

    private GenericKubernetesResource image(App app, Build build) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tag", config.tagOf(app.name()));
        spec.put("serviceAccountName", config.serviceAccount());
        spec.put("builder", Map.of("kind", "ClusterBuilder", "name", config.clusterBuilder()));
        spec.put("source", Map.of("blob", Map.of("url", sourceUrls.url(sourceUrlBase, build.id(),
                Duration.ofSeconds(config.sourceUrlTtlSeconds())))));
        Map<String, String> labels = ClusterLabels.ofApp(owner, app.id());
        labels.put(ClusterLabels.APP, app.name());
        return new GenericKubernetesResourceBuilder().withApiVersion("kpack.io/v1alpha2").withKind("Image")
                .withNewMetadata().withName(app.name()).withNamespace(config.namespace()).withLabels(labels).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec)).build();
    }

    /** The Build kpack made for this generation of the Image (kpack labels each Build with it). */
    private GenericKubernetesResource awaitBuild(App app, long generation, Instant deadline, BuildLease lease)
            throws BuildFailure {
        while (true) {
            lease.checkNotCancelled();
            Optional<GenericKubernetesResource> found = client.genericKubernetesResources(BUILDS).inNamespace(config.namespace())
                    .withLabel(IMAGE_LABEL, app.name()).withLabel(GENERATION_LABEL, Long.toString(generation)).list()
                    .getItems().stream().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleepUntilNext(deadline, "kpack did not start a build within " + timeout.toSeconds() + " s");
        }
    }

    private GenericKubernetesResource awaitSucceeded(String buildName, Instant deadline, BuildLease lease)
            throws BuildFailure {
        while (true) {
            lease.checkNotCancelled();
            GenericKubernetesResource b = current(buildName);
            Optional<Map<String, Object>> succeeded = KpackStatus.condition(b, "Succeeded");
            String status = succeeded.map(c -> String.valueOf(c.get("status"))).orElse("Unknown");
            if ("True".equals(status)) {
                return b;
            }
            if ("False".equals(status)) {
                Object message = succeeded.get().get("message");
                throw new BuildFailure("the kpack build failed" + (message == null ? "" : ": " + message));
            }
            sleepUntilNext(deadline, "the kpack build did not finish within " + timeout.toSeconds() + " s");
        }
    }

    GenericKubernetesResource current(String buildName) {
        return client.genericKubernetesResources(BUILDS).inNamespace(config.namespace()).withName(buildName).get();
    }

    private void sleepUntilNext(Instant deadline, String timeoutMessage) throws BuildFailure {
        if (clock.instant().isAfter(deadline)) {
            throw new BuildFailure(timeoutMessage);
        }
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("the build was interrupted", e);
        }
    }
}
