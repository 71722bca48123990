package cloud.nextmcp.build.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.instances.InstanceState;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** What the runtime reads from a pod's status: the instance state and the reason a release failed. */
class PodStatusTest {

    @Test
    void aReadyPodWithAnAddressIsHealthyAndATerminatingOneDrains() {
        Pod ready = pod(running(), null, 0, true, "10.0.0.7");
        assertThat(PodStatus.state(ready)).isEqualTo(InstanceState.HEALTHY);
        assertThat(PodStatus.failure(ready)).isEmpty();
        assertThat(PodStatus.state(new PodBuilder(ready).editMetadata().withDeletionTimestamp("2026-11-29T12:00:00Z")
                .endMetadata().build())).isEqualTo(InstanceState.DRAINING);
        assertThat(PodStatus.state(pod(running(), null, 0, false, "10.0.0.7"))).isEqualTo(InstanceState.STARTING);
    }

    @Test
    void kubernetesReasonsThatNeverHealFailTheRelease() {
        assertThat(PodStatus.failure(pod(waiting("ImagePullBackOff", "Back-off pulling image"), null, 0, false, null)))
                .contains("ImagePullBackOff: Back-off pulling image");
        Pod crashing = pod(waiting("CrashLoopBackOff", null), null, 4, false, "10.0.0.8");
        assertThat(PodStatus.failure(crashing)).contains("CrashLoopBackOff");
        assertThat(PodStatus.state(crashing)).isEqualTo(InstanceState.CRASHED);
        assertThat(PodStatus.restarts(crashing)).isEqualTo(4);
        Pod oom = pod(running(), new ContainerStateBuilder().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .endTerminated().build(), 1, false, "10.0.0.9");
        assertThat(PodStatus.failure(oom)).hasValueSatisfying(r -> assertThat(r).startsWith("OOMKilled"));
    }

    @Test
    void transientWaitingIsNotAFailure() {
        assertThat(PodStatus.failure(pod(waiting("ContainerCreating", null), null, 0, false, null))).isEmpty();
        assertThat(PodStatus.failure(pod(waiting("ErrImagePull", "timeout"), null, 0, false, null))).isEmpty();
    }

    private static ContainerState running() {
        return new ContainerStateBuilder().withNewRunning().withStartedAt("2026-11-29T12:00:00Z").endRunning().build();
    }

    private static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
    }

    private static Pod pod(ContainerState state, ContainerState last, int restarts, boolean ready, String ip) {
        return new PodBuilder().withNewMetadata().withName("weather-web-1").endMetadata()
                .withNewStatus().withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("web").withReady(ready).withRestartCount(restarts)
                        .withState(state).withLastState(last).build())
                .endStatus().build();
    }
}
