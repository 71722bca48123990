package cloud.nextmcp.build.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes objects of one app's release, built from configuration and the database's desired state
 * and nothing else, so applying them again is a no-op. Pure: no client, no I/O.
 */
public final class Workloads {
    /** The metadata endpoint of the cloud providers: app pods must not reach it (it hands out node credentials). */
    static final String METADATA_V4 = "169.254.169.254/32";
    static final String METADATA_V6 = "fd00:ec2::254/128";
    static final String CONTAINER = "web";

    /**
     * What to run.
     *
     * @param image      the release's image by digest ({@code repo@sha256:…})
     * @param configVars the release's config vars, decrypted
     * @param healthPath HTTP readiness path, or null for a TCP check of {@code PORT}
     * @param restartedAt a restart request: a new value rolls every pod (null: none asked)
     */
    public record Spec(long appId, String appName, int version, int replicas, String image, Map<String, String> configVars,
                       String healthPath, Instant restartedAt) {
    }

    private final KubernetesConfig config;

    public Workloads(KubernetesConfig config) {
        this.config = config;
    }

    public static String deploymentName(String appName) {
        return appName + "-web";
    }

    public static String secretName(String appName, int version) {
        return appName + "-v" + version + "-env";
    }

    public static String networkPolicyName(String appName) {
        return appName;
    }

    /** The release's config vars: one immutable Secret per release, so a pod always sees its own release's values. */
    public Secret secret(Spec spec) {
        return new SecretBuilder()
                .withNewMetadata().withName(secretName(spec.appName(), spec.version())).withNamespace(config.namespace())
                .withLabels(ClusterLabels.ofRelease(config.owner(), spec.appId(), spec.appName(), spec.version(), CONTAINER))
                .endMetadata()
                .withType("Opaque").withImmutable(true)
                .withStringData(new TreeMap<>(spec.configVars()))
                .build();
    }

    public Deployment deployment(Spec spec) {
        Map<String, String> podLabels = ClusterLabels.ofRelease(config.owner(), spec.appId(), spec.appName(), spec.version(),
                CONTAINER);
        Map<String, String> annotations = new TreeMap<>();
        if (spec.restartedAt() != null) {
            annotations.put(ClusterLabels.RESTARTED_AT, spec.restartedAt().toString());
        }
        int port = config.containerPort();
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("PORT", Integer.toString(port), null));
        env.add(new EnvVar("NEXTMCP_APP", spec.appName(), null));
        env.add(new EnvVar("NEXTMCP_RELEASE", "v" + spec.version(), null));
        env.add(new EnvVar("HOME", "/tmp", null));
        env.add(new EnvVar("TMPDIR", "/tmp", null));
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER).withImage(spec.image()).withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort()
                .withEnv(env)
                .addNewEnvFrom().withNewSecretRef().withName(secretName(spec.appName(), spec.version())).endSecretRef().endEnvFrom()
                .withReadinessProbe(readiness(spec.healthPath()))
                .withLivenessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                        .withInitialDelaySeconds(10).withPeriodSeconds(config.livenessPeriodSeconds())
                        .withFailureThreshold(config.livenessFailureThreshold()).build())
                .withNewResources()
                .addToRequests("cpu", new Quantity(config.cpuRequest())).addToRequests("memory", new Quantity(config.memoryRequest()))
                .addToLimits("cpu", new Quantity(config.cpuLimit())).addToLimits("memory", new Quantity(config.memoryLimit()))
                .endResources()
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(config.runAsUser()).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount();
        if (config.drainSeconds() > 0) {
            // The router drops a terminating pod on the next NOTIFY; the sleep lets requests already on their way finish.
            container.withNewLifecycle().withNewPreStop().withNewSleep().withSeconds((long) config.drainSeconds())
                    .endSleep().endPreStop().endLifecycle();
        }
        DeploymentBuilder deployment = new DeploymentBuilder()
                .withNewMetadata().withName(deploymentName(spec.appName())).withNamespace(config.namespace())
                .withLabels(podLabels).endMetadata()
                .withNewSpec()
                .withReplicas(spec.replicas())
                .withRevisionHistoryLimit(3)
                .withNewSelector().withMatchLabels(ClusterLabels.ofProcess(config.owner(), spec.appId(), CONTAINER)).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds((long) config.terminationGraceSeconds())
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(config.runAsUser())
                .withFsGroup(config.runAsUser()).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container.build())
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec();
        if (config.imagePullSecret() != null) {
            deployment.editSpec().editTemplate().editSpec().addNewImagePullSecret(config.imagePullSecret())
                    .endSpec().endTemplate().endSpec();
        }
        return deployment.build();
    }

    /** Ingress only from the router's pods to the app's port; egress anywhere but the cloud metadata address. */
    public NetworkPolicy networkPolicy(long appId, String appName) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(networkPolicyName(appName)).withNamespace(config.namespace())
                .withLabels(ClusterLabels.ofProcess(config.owner(), appId, CONTAINER)).endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(ClusterLabels.ofApp(config.owner(), appId)).endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector().withMatchLabels(config.routerPodLabels()).endPodSelector()
                .withNewNamespaceSelector().withMatchLabels(config.routerNamespaceLabels()).endNamespaceSelector()
                .endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(config.containerPort())).endPort()
                .endIngress()
                .addNewEgress()
                .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(METADATA_V4).endIpBlock().endTo()
                .addNewTo().withNewIpBlock().withCidr("::/0").withExcept(METADATA_V6).endIpBlock().endTo()
                .endEgress()
                .endSpec()
                .build();
    }

    private Probe readiness(String healthPath) {
        ProbeBuilder probe = new ProbeBuilder().withPeriodSeconds(config.readinessPeriodSeconds()).withFailureThreshold(1)
                .withSuccessThreshold(1).withTimeoutSeconds(2);
        if (healthPath != null && !healthPath.isBlank()) {
            return probe.withNewHttpGet().withPath(healthPath).withPort(new IntOrString(config.containerPort())).endHttpGet()
                    .build();
        }
        return probe.withNewTcpSocket().withPort(new IntOrString(config.containerPort())).endTcpSocket().build();
    }
}
