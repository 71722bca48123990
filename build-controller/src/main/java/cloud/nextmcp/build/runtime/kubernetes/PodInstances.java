package cloud.nextmcp.build.runtime.kubernetes;

import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.build.runtime.InstanceTable;
import cloud.nextmcp.core.instances.InstanceRow;
import cloud.nextmcp.core.instances.InstanceState;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the pods the informer sees into {@code instances} rows (through {@link InstanceTable}, the table's one
 * writer): address = pod IP and the app's port, state from readiness and termination, restarts from the
 * container's restart count. A pod keeps its {@code web.N} for life; N is the smallest free one of its release.
 * Only changes are written, so informer resyncs cost nothing.
 */
final class PodInstances {
    private static final Logger LOG = LoggerFactory.getLogger(PodInstances.class);

    /** What was last written for a pod. */
    record Seen(long appId, int version, int index, String address, InstanceState state, int restarts) {
    }

    private final InstanceTable table;
    private final LogWriter logs;
    private final int port;
    private final Map<String, Seen> seen = new HashMap<>();
    /** web.N of pods from rows an earlier run wrote, so a restarted platform keeps the names. */
    private final Map<String, Integer> knownIndexes = new HashMap<>();

    PodInstances(InstanceTable table, LogWriter logs, int port) {
        this.table = table;
        this.logs = logs;
        this.port = port;
    }

    /** Takes over the rows an earlier run of this runtime wrote (same node name): their pods keep their web.N. */
    synchronized void adopt(List<InstanceRow> rows) {
        rows.forEach(r -> knownIndexes.put(r.id(), r.processIndex()));
    }

    /** After the first full list: rows whose pod no longer exists go (the platform was down when it was deleted). */
    synchronized void forgetAllBut(Collection<String> livePods, List<InstanceRow> rows) {
        for (InstanceRow row : rows) {
            if (!livePods.contains(row.id())) {
                table.remove(row.appId(), List.of(row.id()));
                knownIndexes.remove(row.id());
            }
        }
    }

    /** Records the pod as it is now; returns its web.N, or empty when it is not one of ours or has no address yet. */
    synchronized Optional<Seen> observe(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        Optional<Long> appId = ClusterLabels.appId(labels);
        Optional<Integer> version = ClusterLabels.release(labels);
        Optional<String> ip = PodStatus.podIp(pod);
        if (appId.isEmpty() || version.isEmpty() || ip.isEmpty()) {
            return Optional.ofNullable(seen.get(name(pod)));
        }
        String id = name(pod);
        Seen before = seen.get(id);
        int index = before != null ? before.index()
                : knownIndexes.computeIfAbsent(id, k -> freeIndex(appId.get(), version.get()));
        Seen now = new Seen(appId.get(), version.get(), index, ip.get() + ":" + port, PodStatus.state(pod),
                PodStatus.restarts(pod));
        if (!now.equals(before)) {
            table.observed(id, now.appId(), now.version(), Workloads.CONTAINER, index, now.address(), now.state(),
                    now.restarts());
            seen.put(id, now);
            if (before != null && now.restarts() > before.restarts()) {
                String message = "web." + index + " (v" + now.version() + ") restarted by Kubernetes, restart #"
                        + now.restarts() + PodStatus.failure(pod).map(r -> ": " + r).orElse("");
                LOG.info("App {}: {}", now.appId(), message);
                logs.append(now.appId(), "platform", message);
            }
        }
        return Optional.of(now);
    }

    synchronized void removed(Pod pod) {
        String id = name(pod);
        Seen before = seen.remove(id);
        knownIndexes.remove(id);
        ClusterLabels.appId(pod.getMetadata().getLabels()).or(() -> Optional.ofNullable(before).map(Seen::appId))
                .ifPresent(app -> table.remove(app, List.of(id)));
    }

    synchronized Optional<Seen> of(String podName) {
        return Optional.ofNullable(seen.get(podName));
    }

    private int freeIndex(long appId, int version) {
        Set<Integer> taken = new HashSet<>();
        seen.values().stream().filter(s -> s.appId() == appId && s.version() == version).forEach(s -> taken.add(s.index()));
        int index = 1;
        while (taken.contains(index)) {
            index++;
        }
        return index;
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getName();
    }
}
