package cloud.nextmcp.build.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.apps.App;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeRestartIT {
    @TempDir
    Path tmp;
    RuntimeFixture f;

    @BeforeEach
    void start() {
        f = new RuntimeFixture(tmp);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void afterThePlatformRestartsTheAppComesBackWithoutAPush() throws Exception {
        App app = f.app("lasting-app");
        f.deploy(app, f.apps.server("durable"));
        Object before = f.served(app.id()).get(0).get("address");

        f.runtime.close();
        assertThat(f.instances(app.id())).isEmpty();
        assertThat(f.get(before, "/")).isNull();

        f.startRuntime();
        assertThat(f.answer(app.id())).isEqualTo("durable v1 None");
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
    }

    @Test
    void rowsOfAKilledPlatformAreClearedAtStart() {
        App app = f.app("orphan-app");
        f.jdbi.useHandle(h -> h.execute("INSERT INTO instances (id, app_id, release_version, address, state, node, pid) "
                + "VALUES ('orphan-1', ?, 1, '127.0.0.1:1', 'healthy', ?, NULL)", app.id(), RuntimeFixture.CONFIG.node()));
        f.runtime.close();

        f.startRuntime();

        assertThat(f.instances(app.id())).isEmpty();
    }
}
