package cloud.nextmcp.build.kpack;

import cloud.nextmcp.build.builds.BuildFailure;
import cloud.nextmcp.build.builds.BuildLease;
import cloud.nextmcp.build.builds.BuildLog;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A kpack build runs its steps (prepare, detect, analyze, restore, build, export, …) as the init containers of
 * one pod. Their logs go into the build's log one after the other, each followed until its container ends, so
 * the pusher sees every line as it would from a local build.
 */
final class BuildPodLogs {
    private final KubernetesClient client;
    private final String namespace;
    private final Duration poll;

    BuildPodLogs(KubernetesClient client, String namespace, Duration poll) {
        this.client = client;
        this.namespace = namespace;
        this.poll = poll;
    }

    void stream(String buildName, Supplier<GenericKubernetesResource> build, BuildLog log, Instant deadline,
                BuildLease lease) throws BuildFailure {
        Pod pod = awaitPod(build, deadline, lease);
        if (pod == null) {
            return;
        }
        String podName = pod.getMetadata().getName();
        for (Container step : pod.getSpec().getInitContainers()) {
            if (!awaitStarted(podName, step.getName(), build, deadline, lease)) {
                return;
            }
            try (LogWatch watch = client.pods().inNamespace(namespace).withName(podName).inContainer(step.getName()).watchLog();
                 BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.line(line);
                }
            } catch (IOException e) {
                log.line("-----> (the log of step " + step.getName() + " was cut off: " + e.getMessage() + ")");
            }
            lease.checkNotCancelled();
        }
    }

    /** The build's pod once kpack names it; null when the build finished without one (it failed before). */
    private Pod awaitPod(Supplier<GenericKubernetesResource> build, Instant deadline, BuildLease lease) throws BuildFailure {
        while (true) {
            lease.checkNotCancelled();
            GenericKubernetesResource current = build.get();
            Optional<String> podName = KpackStatus.field(current, "podName");
            if (podName.isPresent()) {
                Pod pod = client.pods().inNamespace(namespace).withName(podName.get()).get();
                if (pod != null) {
                    return pod;
                }
            }
            if (finished(current)) {
                return null;
            }
            pause(deadline);
        }
    }

    /** True once the step runs or ran; false when the build finished without running it. */
    private boolean awaitStarted(String podName, String container, Supplier<GenericKubernetesResource> build,
                                 Instant deadline, BuildLease lease) throws BuildFailure {
        while (true) {
            lease.checkNotCancelled();
            Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
            Optional<ContainerStatus> status = pod == null || pod.getStatus() == null
                    || pod.getStatus().getInitContainerStatuses() == null ? Optional.empty()
                    : pod.getStatus().getInitContainerStatuses().stream().filter(s -> container.equals(s.getName())).findFirst();
            if (status.isPresent() && status.get().getState() != null
                    && (status.get().getState().getRunning() != null || status.get().getState().getTerminated() != null)) {
                return true;
            }
            if (pod == null || finished(build.get())) {
                return false;
            }
            pause(deadline);
        }
    }

    private static boolean finished(GenericKubernetesResource build) {
        return KpackStatus.condition(build, "Succeeded").map(c -> !"Unknown".equals(String.valueOf(c.get("status"))))
                .orElse(false);
    }

    private void pause(Instant deadline) throws BuildFailure {
        if (Instant.now().isAfter(deadline)) {
            throw new BuildFailure("the kpack build did not finish in time");
        }
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("the build was interrupted", e);
        }
    }
}
