package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.SandboxConfig;
import cloud.nextmcp.build.sandbox.SandboxNetwork;
import cloud.nextmcp.build.sandbox.SandboxSpec;
import cloud.nextmcp.build.sandbox.Sandboxes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSpawnerIT {
    @Test
    void aSandboxedProcessOutlivesTheThreadThatAskedForIt(@TempDir Path tmp) throws Exception {
        Sandbox sandbox = Sandboxes.detect(SandboxConfig.defaults(), tmp);
        Prerequisites.require(sandbox.confining(), "a working bubblewrap");
        SandboxSpec spec = new SandboxSpec(List.of("sleep", "60"), Path.of("/"), List.of(), List.of(), List.of(),
                Map.of("PATH", "/usr/bin:/bin"), new SandboxNetwork(true, 0), sandbox.userFor(1));
        try (ProcessSpawner spawner = new ProcessSpawner()) {
            AtomicReference<Process> started = new AtomicReference<>();
            Thread shortLived = new Thread(() -> {
                try {
                    started.set(sandbox.start(spec, spawner::start));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            shortLived.start();
            shortLived.join();
            Process process = started.get();
            try {
                // Without the spawner, bwrap's parent-death signal kills it within milliseconds of the thread's end.
                assertThat(process.waitFor(1, TimeUnit.SECONDS)).as("process ended with its requesting thread").isFalse();
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
