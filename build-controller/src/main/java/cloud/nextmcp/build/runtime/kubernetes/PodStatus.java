package cloud.nextmcp.build.runtime.kubernetes;

import cloud.nextmcp.core.instances.InstanceState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a pod's status means to the platform: an instance state, a restart count, a reason it will never serve. */
final class PodStatus {
    /** Waiting reasons Kubernetes will not get out of by itself: the release is broken. */
    private static final Set<String> FATAL_WAITING = Set.of("ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName",
            "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError");

    private PodStatus() {
    }

    static InstanceState state(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return InstanceState.DRAINING;
        }
        if (ready(pod)) {
            return InstanceState.HEALTHY;
        }
        Optional<ContainerStatus> web = container(pod);
        if (web.isPresent() && (web.get().getState() != null && web.get().getState().getTerminated() != null
                || waiting(web.get()).filter("CrashLoopBackOff"::equals).isPresent())) {
            return InstanceState.CRASHED;
        }
        return InstanceState.STARTING;
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && pod.getStatus().getPodIP() != null;
    }

    static int restarts(Pod pod) {
        return container(pod).map(ContainerStatus::getRestartCount).orElse(0);
    }

    /** Why this pod will not become ready on its own (ImagePullBackOff, CrashLoopBackOff, OOMKilled, …), if it won't. */
    static Optional<String> failure(Pod pod) {
        Optional<ContainerStatus> web = container(pod);
        if (web.isEmpty()) {
            return Optional.empty();
        }
        ContainerStatus status = web.get();
        Optional<String> waiting = waiting(status).filter(FATAL_WAITING::contains);
        String lastTerminated = status.getLastState() != null && status.getLastState().getTerminated() != null
                ? status.getLastState().getTerminated().getReason() : null;
        if ("OOMKilled".equals(lastTerminated) && (status.getReady() == null || !status.getReady())) {
            return Optional.of("OOMKilled: the app used more memory than its limit");
        }
        return waiting.map(reason -> {
            String message = status.getState().getWaiting().getMessage();
            return message == null || message.isBlank() ? reason : reason + ": " + message;
        });
    }

    static Optional<String> podIp(Pod pod) {
        return Optional.ofNullable(pod.getStatus()).map(s -> s.getPodIP()).filter(ip -> !ip.isBlank());
    }

    static boolean running(Pod pod) {
        return container(pod).map(c -> c.getState() != null && c.getState().getRunning() != null).orElse(false);
    }

    private static Optional<String> waiting(ContainerStatus status) {
        return Optional.ofNullable(status.getState()).map(s -> s.getWaiting()).map(w -> w.getReason());
    }

    private static Optional<ContainerStatus> container(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (statuses == null) {
            return Optional.empty();
        }
        return statuses.stream().filter(c -> Workloads.CONTAINER.equals(c.getName())).findFirst();
    }
}
