package cloud.nextmcp.build.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kubernetes API calls one client made, as RBAC grants ({@code group/resource:verb}), so a test can compare
 * what the runtime and the kpack builder really call with {@link ClusterPermissions} (which the Helm chart grants).
 */
final class ApiCalls {
    /** The User-Agent of the client given to the code under test; the test's own client is not recorded. */
    static final String USER_AGENT = "nextmcp-platform-under-test";
    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?");

    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();

    /** Records the request if the code under test sent it; {@code exists} says whether its object was there before. */
    void record(RecordedRequest request, boolean exists) {
        if (!USER_AGENT.equals(request.getHeader("User-Agent"))) {
            return;
        }
        Matcher m = PATH.matcher(request.getPath());
        if (!m.matches()) {
            throw new AssertionError("A Kubernetes call this test cannot classify: " + request.method() + " " + request.getPath());
        }
        String group = Optional.ofNullable(m.group(1)).orElse("");
        String namespace = m.group(2);
        String resource = m.group(5) != null ? m.group(3) + "/" + m.group(5) : m.group(3);
        boolean named = m.group(4) != null;
        String query = Optional.ofNullable(m.group(6)).orElse("");
        HttpMethod method = request.method();
        List<String> verbs = switch (method) {
            case GET -> List.of(named ? "get" : query.contains("watch=true") ? "watch" : "list");
            case POST -> List.of("create");
            case PUT -> List.of("update");
            // A server-side apply of an object that does not exist yet creates it: the API server checks both verbs.
            case PATCH -> exists ? List.of("patch") : List.of("patch", "create");
            case DELETE -> List.of(named ? "delete" : "deletecollection");
            default -> throw new AssertionError("Unexpected Kubernetes call " + method + " " + request.getPath());
        };
        Set<String> inNamespace = grants.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet());
        verbs.forEach(v -> inNamespace.add(group + "/" + resource + ":" + v));
    }

    /**
     * What fabric8 calls while it waits for a pod before streaming a container's log: a get, or a list and a watch,
     * depending on whether the pod was ready at once. A test run's timing decides which, so these count as used.
     */
    static final Set<String> POD_WAIT = Set.of("/pods:get", "/pods:list", "/pods:watch");

    /** Every call was granted, and every grant was used (calls of the pod wait count as used either way). */
    static void assertGrantsMatch(Set<String> calls, List<ClusterPermissions.Rule> rules, String who) {
        Set<String> granted = grantsOf(rules);
        assertThat(granted).as("grants for the calls " + who + " made").containsAll(calls);
        Set<String> used = new HashSet<>(calls);
        used.addAll(POD_WAIT);
        assertThat(used).as("calls " + who + " made, or the pod wait makes")
                .containsAll(granted);
    }

    /** What the code under test called in one namespace. */
    Set<String> grants(String namespace) {
        return Set.copyOf(grants.getOrDefault(namespace, Set.of()));
    }

    static Set<String> grantsOf(List<ClusterPermissions.Rule> rules) {
        return rules.stream().flatMap(r -> r.verbs().stream().map(v -> r.apiGroup() + "/" + r.resource() + ":" + v))
                .collect(Collectors.toSet());
    }
}
