package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory without room for the embedded database fails at start with one line that says so. */
class FullDiskIT {
    @TempDir
    Path tmp;

    @Test
    void aDataDirectoryOnASmallDiskFailsAtStartWithTheFreeAndNeededSpaceAndNoStackTrace() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("small-disk"));
        Path data = disk.resolve("data");
        // A private mount namespace: the 16 MB tmpfs exists only for the platform process (the tests run as root).
        List<String> command = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=16m nextmcp-small-disk \"$1\" && shift && exec \"$@\"", "sh", disk.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", PlatformProcess.serverJar().toString(), "dev", "--data-dir", data.toString());
        Process platform = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(platform.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(platform.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();

        assertThat(platform.exitValue()).as(output).isNotZero();
        assertThat(output).containsPattern("not enough space in " + data.resolve("postgres") + ": 1[0-9] MB free, 128 MB needed")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }
}
