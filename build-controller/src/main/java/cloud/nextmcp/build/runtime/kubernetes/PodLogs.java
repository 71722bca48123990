package cloud.nextmcp.build.runtime.kubernetes;

import cloud.nextmcp.build.logs.LogWriter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each app container's output into the {@code logs} table as source {@code web.N}, like the local
 * runtime's, so {@code nextmcp logs -f} reads the same. A container's log is followed from its start the first
 * time this runtime sees it running, and from "now" for containers that were running before the platform
 * started or restarted, so nothing is stored twice.
 */
final class PodLogs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PodLogs.class);
    private static final int MAX_LINE = 8 * 1024;

    /** A followed container: which restart of it. */
    private record Followed(int restarts, LogWatch watch) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final LogWriter logs;
    private final Instant startedAt = Instant.now();
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();

    PodLogs(KubernetesClient client, String namespace, LogWriter logs) {
        this.client = client;
        this.namespace = namespace;
        this.logs = logs;
    }

    /** Starts following the pod's container if it runs and is not followed yet (or restarted since). */
    void follow(Pod pod, PodInstances.Seen seen) {
        if (!PodStatus.running(pod)) {
            return;
        }
        String name = pod.getMetadata().getName();
        Followed current = followed.get(name);
        if (current != null && current.restarts() == seen.restarts()) {
            return;
        }
        if (current != null) {
            current.watch().close();
        }
        Instant containerStart = startOf(pod);
        boolean before = containerStart != null && containerStart.isBefore(startedAt);
        String source = "web." + seen.index();
        var resource = client.pods().inNamespace(namespace).withName(name).inContainer(Workloads.CONTAINER);
        LogWatch watch = (before ? resource.sinceTime(startedAt.toString()) : resource)
                .watchLog(new LineSink(line -> logs.append(seen.appId(), source, line)));
        followed.put(name, new Followed(seen.restarts(), watch));
        LOG.debug("Following the log of pod {} as {} of app {}", name, source, seen.appId());
    }

    void forget(Pod pod) {
        Followed f = followed.remove(pod.getMetadata().getName());
        if (f != null) {
            f.watch().close();
        }
    }

    @Override
    public void close() {
        followed.values().forEach(f -> f.watch().close());
        followed.clear();
    }

    private static Instant startOf(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .filter(c -> Workloads.CONTAINER.equals(c.getName()) && c.getState().getRunning() != null)
                .map(c -> c.getState().getRunning().getStartedAt()).filter(t -> t != null && !t.isBlank())
                .map(Instant::parse).findFirst().orElse(null);
    }

    /** Splits bytes into lines; a line longer than 8 KiB is cut there. */
    private static final class LineSink extends OutputStream {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        LineSink(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (buffer.size() < MAX_LINE) {
                buffer.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void close() {
            if (buffer.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            String line = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }
}
