package cloud.nextmcp.build.sandbox;

import cloud.nextmcp.core.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapSandboxIT {
    private static Sandbox sandbox;

    @BeforeAll
    static void bubblewrap() {
        sandbox = Sandboxes.detect(Optional.empty());
        Prerequisites.require(sandbox.confining(), "a working bubblewrap");
    }

    @Test
    void aProcessSeesNeitherTheHiddenDataNorTheHostsProcessesAndWritesOnlyWhereAllowed(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("master.key"), "secret");
        Path work = Files.createDirectories(data.resolve("builds/1"));
        Path readOnly = Files.createDirectories(tmp.resolve("artifact"));
        String script = "ls -A " + data + "; echo pid=$$; echo env=$SECRET_FROM_HOST-$GIVEN; "
                + "echo out > " + work + "/written && echo work-writable; "
                + "(echo x > " + readOnly + "/x) 2>/dev/null || echo artifact-read-only; "
                + "echo t > /tmp/t && echo tmp-writable";
        SandboxSpec spec = new SandboxSpec(List.of("sh", "-c", script), work, List.of(readOnly), List.of(work),
                List.of(data), Map.of("PATH", "/usr/bin:/bin", "GIVEN", "given"), false);

        String out = run(spec);

        assertThat(out).doesNotContain("master.key")
                .contains("pid=2", "env=-given", "work-writable", "artifact-read-only", "tmp-writable");
        assertThat(Files.readString(work.resolve("written"))).isEqualTo("out\n");
        assertThat(readOnly.resolve("x")).doesNotExist();
    }

    @Test
    void withoutNetworkOnlyLoopbackExists(@TempDir Path tmp) throws Exception {
        SandboxSpec spec = new SandboxSpec(List.of("sh", "-c", "tail -n +3 /proc/net/dev | cut -d: -f1"), tmp, List.of(), List.of(tmp),
                List.of(), Map.of("PATH", "/usr/bin:/bin"), false);
        assertThat(run(spec).strip()).isEqualTo("lo");
    }

    private static String run(SandboxSpec spec) throws Exception {
        Process p = sandbox.processBuilder(spec).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
