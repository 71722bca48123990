package cloud.nextmcp.build.runtime.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the Kubernetes runtime ({@code runtime.kubernetes}); every field may be left out for its default.
 *
 * @param namespace                 namespace the app workloads run in (default {@code nextmcp-apps})
 * @param kubeconfig                kubeconfig file to use; left out, the client uses the pod's service account
 *                                  when running in a cluster, else {@code KUBECONFIG} or {@code ~/.kube/config}
 * @param owner                     value of the {@code cloud.nextmcp/owner} label on everything this platform creates;
 *                                  objects without it are never changed or deleted (default {@code nextmcp})
 * @param containerPort             port apps listen on, given to them as {@code PORT} (default 8080)
 * @param cpuRequest                CPU request of an app container (default {@code 100m})
 * @param cpuLimit                  CPU limit (default {@code 1})
 * @param memoryRequest             memory request (default {@code 128Mi})
 * @param memoryLimit               memory limit (default {@code 512Mi})
 * @param readinessPeriodSeconds    readiness probe period (default 2)
 * @param livenessPeriodSeconds     liveness probe period (default 10)
 * @param livenessFailureThreshold  failed liveness probes before the container restarts (default 3)
 * @param terminationGraceSeconds   time between SIGTERM and SIGKILL of a stopping pod (default 30)
 * @param drainSeconds              preStop sleep: a stopping pod keeps serving in-flight requests this long (default 5)
 * @param runAsUser                 uid app containers run as; never 0 (default 1000, the buildpacks' {@code cnb} user)
 * @param routerPodLabels           labels of the router's pods: the only pods the NetworkPolicy admits
 *                                  (default {@code app.kubernetes.io/component: router})
 * @param routerNamespaceLabels     labels of the router's namespace (default {@code kubernetes.io/metadata.name: nextmcp})
 * @param imagePullSecret           name of a Secret in the namespace for pulling app images, or none
 */
public record KubernetesConfig(
        @JsonProperty("namespace") String namespace,
        @JsonProperty("kubeconfig") String kubeconfig,
        @JsonProperty("owner") String owner,
        @JsonProperty("containerPort") Integer containerPort,
        @JsonProperty("cpuRequest") String cpuRequest,
        @JsonProperty("cpuLimit") String cpuLimit,
        @JsonProperty("memoryRequest") String memoryRequest,
        @JsonProperty("memoryLimit") String memoryLimit,
        @JsonProperty("readinessPeriodSeconds") Integer readinessPeriodSeconds,
        @JsonProperty("livenessPeriodSeconds") Integer livenessPeriodSeconds,
        @JsonProperty("livenessFailureThreshold") Integer livenessFailureThreshold,
        @JsonProperty("terminationGraceSeconds") Integer terminationGraceSeconds,
        @JsonProperty("drainSeconds") Integer drainSeconds,
        @JsonProperty("runAsUser") Long runAsUser,
        @JsonProperty("routerPodLabels") Map<String, String> routerPodLabels,
        @JsonProperty("routerNamespaceLabels") Map<String, String> routerNamespaceLabels,
        @JsonProperty("imagePullSecret") String imagePullSecret) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");

    public KubernetesConfig {
        namespace = blank(namespace) ? "nextmcp-apps" : namespace.strip();
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("runtime.kubernetes.namespace must be a DNS label (lower-case letters, "
                    + "digits and '-', at most 63), got '" + namespace + "'");
        }
        kubeconfig = blank(kubeconfig) ? null : kubeconfig.strip();
        owner = blank(owner) ? "nextmcp" : owner.strip();
        if (!LABEL_VALUE.matcher(owner).matches()) {
            throw new IllegalArgumentException("runtime.kubernetes.owner must be a label value (letters, digits, '-', '_', "
                    + "'.', at most 63), got '" + owner + "'");
        }
        containerPort = range(containerPort, 8080, 1, 65535, "containerPort");
        cpuRequest = quantity(cpuRequest, "100m", "cpuRequest");
        cpuLimit = quantity(cpuLimit, "1", "cpuLimit");
        memoryRequest = quantity(memoryRequest, "128Mi", "memoryRequest");
        memoryLimit = quantity(memoryLimit, "512Mi", "memoryLimit");
        readinessPeriodSeconds = range(readinessPeriodSeconds, 2, 1, 3600, "readinessPeriodSeconds");
        livenessPeriodSeconds = range(livenessPeriodSeconds, 10, 1, 3600, "livenessPeriodSeconds");
        livenessFailureThreshold = range(livenessFailureThreshold, 3, 1, 100, "livenessFailureThreshold");
        terminationGraceSeconds = range(terminationGraceSeconds, 30, 0, 3600, "terminationGraceSeconds");
        drainSeconds = range(drainSeconds, 5, 0, 3600, "drainSeconds");
        if (drainSeconds >= terminationGraceSeconds && terminationGraceSeconds > 0) {
            throw new IllegalArgumentException("runtime.kubernetes.drainSeconds (" + drainSeconds + ") must be shorter than "
                    + "terminationGraceSeconds (" + terminationGraceSeconds + "), or the app never gets its SIGTERM");
        }
        runAsUser = runAsUser == null ? 1000L : runAsUser;
        if (runAsUser < 1) {
            throw new IllegalArgumentException("runtime.kubernetes.runAsUser must not be root (0), got " + runAsUser);
        }
        routerPodLabels = routerPodLabels == null || routerPodLabels.isEmpty()
                ? Map.of("app.kubernetes.io/component", "router") : Map.copyOf(routerPodLabels);
        routerNamespaceLabels = routerNamespaceLabels == null || routerNamespaceLabels.isEmpty()
                ? Map.of("kubernetes.io/metadata.name", "nextmcp") : Map.copyOf(routerNamespaceLabels);
        imagePullSecret = blank(imagePullSecret) ? null : imagePullSecret.strip();
    }

    public static KubernetesConfig defaults() {
        return new KubernetesConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int range(Integer value, int fallback, int min, int max, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("runtime.kubernetes." + name + " must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    private static String quantity(String value, String fallback, String name) {
        if (blank(value)) {
            return fallback;
        }
        try {
            Quantity.getAmountInBytes(new Quantity(value.strip()));
            return value.strip();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("runtime.kubernetes." + name + " must be a Kubernetes quantity such as "
                    + fallback + ", got '" + value + "'");
        }
    }
}
