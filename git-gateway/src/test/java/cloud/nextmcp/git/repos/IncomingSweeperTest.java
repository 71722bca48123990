package cloud.nextmcp.git.repos;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.config.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncomingSweeperTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void leftoversOfInterruptedPushesGoOnceOlderThanTheMaximumAgeAndEverythingElseStays() throws Exception {
        DataDirectory data = new DataDirectory(tmp);
        Path objects = data.repository(7).resolve("objects");
        Path staleQuarantine = file(objects.resolve("incoming-1111/pack/pack-1.pack"), Duration.ofHours(3));
        Path liveQuarantine = objects.resolve("incoming-2222");
        file(liveQuarantine.resolve("pack/pack-2.pack"), Duration.ofHours(3));
        file(liveQuarantine.resolve("ab/cdef"), Duration.ofMinutes(5));
        Path stalePack = file(objects.resolve("pack/incoming_123.pack"), Duration.ofHours(3));
        Path youngPack = file(objects.resolve("pack/incoming_456.pack"), Duration.ofMinutes(5));
        Path acceptedPack = file(objects.resolve("pack/pack-3.pack"), Duration.ofDays(30));
        Path looseObject = file(objects.resolve("12/3456"), Duration.ofDays(30));

        int deleted = new IncomingSweeper(new AppRepositories(data), Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC)).sweep();

        assertThat(deleted).isEqualTo(2);
        assertThat(staleQuarantine.getParent().getParent()).doesNotExist();
        assertThat(stalePack).doesNotExist();
        assertThat(liveQuarantine.resolve("pack/pack-2.pack")).exists();
        assertThat(youngPack).exists();
        assertThat(acceptedPack).exists();
        assertThat(looseObject).exists();
    }

    /** A file (and its directories) last modified {@code age} ago. */
    private static Path file(Path path, Duration age) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        FileTime time = FileTime.from(NOW.minus(age));
        for (Path p = path; !p.getFileName().toString().equals("objects"); p = p.getParent()) {
            Files.setLastModifiedTime(p, time);
        }
        return path;
    }
}
