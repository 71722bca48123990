package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.dashboard.apps.AppStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppStatusTest {
    @Test
    void anAppWithNothingYetIsNew() {
        assertThat(AppStatus.of(null, null, List.of())).isEqualTo(AppStatus.NEW);
    }

    @Test
    void aBuildInProgressWinsOverTheRunningRelease() {
        assertThat(AppStatus.of("running", "live", List.of("healthy"))).isEqualTo(AppStatus.BUILDING);
        assertThat(AppStatus.of("queued", null, List.of())).isEqualTo(AppStatus.BUILDING);
    }

    @Test
    void aHealthyInstanceIsLiveEvenAfterARejectedPush() {
        assertThat(AppStatus.of("failed", "live", List.of("healthy"))).isEqualTo(AppStatus.LIVE);
    }

    @Test
    void onlyCrashedInstancesAreCrashed() {
        assertThat(AppStatus.of("succeeded", "live", List.of("crashed"))).isEqualTo(AppStatus.CRASHED);
        assertThat(AppStatus.of("succeeded", "live", List.of("crashed", "healthy"))).isEqualTo(AppStatus.LIVE);
    }

    @Test
    void startingOrPendingIsDeploying() {
        assertThat(AppStatus.of("succeeded", "pending", List.of())).isEqualTo(AppStatus.DEPLOYING);
        assertThat(AppStatus.of("succeeded", "live", List.of("starting"))).isEqualTo(AppStatus.DEPLOYING);
    }

    @Test
    void aFailedFirstBuildOrReleaseIsFailed() {
        assertThat(AppStatus.of("failed", null, List.of())).isEqualTo(AppStatus.FAILED);
        assertThat(AppStatus.of("succeeded", "failed", List.of())).isEqualTo(AppStatus.FAILED);
    }

    @Test
    void aReleaseWithNoInstancesIsStopped() {
        assertThat(AppStatus.of("succeeded", "live", List.of())).isEqualTo(AppStatus.STOPPED);
    }
}
