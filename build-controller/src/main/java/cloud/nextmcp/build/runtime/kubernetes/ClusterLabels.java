package cloud.nextmcp.build.runtime.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels on everything the Kubernetes runtime creates. The owner label is how it tells its objects from
 * anyone else's: it lists, changes and deletes only objects that carry it with its own value.
 */
public final class ClusterLabels {
    public static final String OWNER = "cloud.nextmcp/owner";
    public static final String APP = "cloud.nextmcp/app";
    public static final String APP_ID = "cloud.nextmcp/app-id";
    public static final String RELEASE = "cloud.nextmcp/release";
    public static final String PROCESS = "cloud.nextmcp/process";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Pod template annotation: a new value rolls every pod, like {@code kubectl rollout restart}. */
    public static final String RESTARTED_AT = "cloud.nextmcp/restartedAt";

    private ClusterLabels() {
    }

    /** What selects one app's objects of this owner. */
    public static Map<String, String> ofApp(String owner, long appId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(OWNER, owner);
        labels.put(APP_ID, Long.toString(appId));
        return labels;
    }

    /** The Deployment's selector: owner, app and process type (never the release, a selector is immutable). */
    public static Map<String, String> ofProcess(String owner, long appId, String processType) {
        Map<String, String> labels = ofApp(owner, appId);
        labels.put(PROCESS, processType);
        return labels;
    }

    /** Everything on a pod of one release. */
    public static Map<String, String> ofRelease(String owner, long appId, String appName, int version, String processType) {
        Map<String, String> labels = ofProcess(owner, appId, processType);
        labels.put(APP, appName);
        labels.put(RELEASE, Integer.toString(version));
        labels.put(MANAGED_BY, "nextmcp");
        return labels;
    }

    static Optional<Long> appId(Map<String, String> labels) {
        return number(labels, APP_ID).map(Long::parseLong);
    }

    static Optional<Integer> release(Map<String, String> labels) {
        return number(labels, RELEASE).map(Integer::parseInt);
    }

    private static Optional<String> number(Map<String, String> labels, String key) {
        return Optional.ofNullable(labels).map(l -> l.get(key)).filter(v -> v.matches("\\d{1,18}"));
    }
}
