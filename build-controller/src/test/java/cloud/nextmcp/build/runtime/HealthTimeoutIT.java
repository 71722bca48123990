package cloud.nextmcp.build.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.core.apps.App;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTimeoutIT {
    @TempDir
    Path tmp;

    @Test
    void aReleaseWhoseHealthPathNeverAnswersWellFailsAtTheDeadline() throws Exception {
        RuntimeConfig quick = new RuntimeConfig("timeout-node", 2, 50, 0, 2, 200, 5, 30, 30, null, null);
        try (RuntimeFixture f = new RuntimeFixture(tmp, quick)) {
            App app = f.app("slow-app");
            f.deploy(app, f.apps.server("ready"));

            assertThatThrownBy(() -> f.deploy(app, f.apps.neverReady()))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("v2 failed: web.1 did not become healthy within 2 s")
                    .hasMessageContaining("GET /never-ready");

            assertThat(f.routedVersion(app.id())).isEqualTo(1);
            assertThat(f.answer(app.id())).isEqualTo("ready v1 None");
            assertThat(f.instances(app.id())).as("the unready instance is gone").hasSize(1);
        }
    }
}
