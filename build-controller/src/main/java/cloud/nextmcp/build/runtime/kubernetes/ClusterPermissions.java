package cloud.nextmcp.build.runtime.kubernetes;

import java.util.List;

/**
 * Every Kubernetes API call the runtime ({@link KubernetesRuntime}, {@link AppWorkload}, {@link PodLogs}) and the
 * kpack builder make, as RBAC rules in the namespaces they work in. The Helm chart grants exactly these (its test
 * compares both ways), so a new call here without a chart change, or a chart grant no code uses, fails a test.
 * Server-side apply needs {@code create} (first apply) and {@code patch}; a label-selected delete is a
 * {@code deletecollection}.
 */
public final class ClusterPermissions {
    /** One RBAC rule: verbs on one resource of one API group ("" is the core group). */
    public record Rule(String apiGroup, String resource, List<String> verbs) {
    }

    /** The runtime, in {@code runtime.kubernetes.namespace}. */
    public static final List<Rule> RUNTIME = List.of(
            new Rule("apps", "deployments", List.of("list", "create", "patch", "deletecollection")),
            new Rule("", "secrets", List.of("list", "create", "patch", "delete", "deletecollection")),
            new Rule("networking.k8s.io", "networkpolicies", List.of("create", "patch", "deletecollection")),
            new Rule("", "pods", List.of("get", "list", "watch")),
            new Rule("", "pods/log", List.of("get")));

    /** kpack builds, in {@code builder.kpack.namespace}. */
    public static final List<Rule> KPACK = List.of(
            new Rule("kpack.io", "images", List.of("create", "patch")),
            new Rule("kpack.io", "builds", List.of("get", "list")),
            // list and watch: before it streams a step's log, fabric8 waits for the pod through an informer.
            new Rule("", "pods", List.of("get", "list", "watch")),
            new Rule("", "pods/log", List.of("get")));

    private ClusterPermissions() {
    }
}
