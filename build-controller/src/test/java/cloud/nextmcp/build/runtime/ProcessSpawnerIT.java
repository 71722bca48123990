package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.build.sandbox.SandboxSpec;
import cloud.nextmcp.build.sandbox.Sandboxes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProcessSpawnerIT {
    @Test
    void aSandboxedProcessOutlivesTheThreadThatAskedForIt() throws Exception {
        Sandbox sandbox = Sandboxes.detect(Optional.empty());
        Prerequisites.require(sandbox.confining(), "a working bubblewrap");
        SandboxSpec spec = new SandboxSpec(List.of("sleep", "60"), Path.of("/"), List.of(), List.of(), List.of(),
                Map.of("PATH", "/usr/bin:/bin"), false);
        try (ProcessSpawner spawner = new ProcessSpawner()) {
            AtomicReference<Process> started = new AtomicReference<>();
            Thread shortLived = new Thread(() -> {
                try {
                    started.set(spawner.start(sandbox.processBuilder(spec)));
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
