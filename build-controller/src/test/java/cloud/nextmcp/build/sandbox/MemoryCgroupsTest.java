package cloud.nextmcp.build.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which groups start-up clean-up removes, on directories shaped like cgroupfs groups. */
class MemoryCgroupsTest {
    @TempDir
    Path base;

    private final Instant now = Instant.now();

    @Test
    void anOldEmptyGroupIsALeftoverOfAnEarlierRun() throws Exception {
        assertThat(MemoryCgroups.isLeftover(group("7-web.1-aaaa", "", now.minus(Duration.ofMinutes(10))), now)).isTrue();
    }

    @Test
    void aGroupWithProcessesStaysForItMayBelongToAnotherPlatformProcessOnThisHost() throws Exception {
        assertThat(MemoryCgroups.isLeftover(group("8-web.1-bbbb", "4242\n", now.minus(Duration.ofMinutes(10))), now)).isFalse();
    }

    @Test
    void aGroupMadeAMomentAgoStaysForItIsAboutToBeJoined() throws Exception {
        assertThat(MemoryCgroups.isLeftover(group("9-web.1-cccc", "", now.minusSeconds(2)), now)).isFalse();
    }

    private Path group(String name, String procs, Instant modified) throws Exception {
        Path group = Files.createDirectories(base.resolve(name));
        Files.writeString(group.resolve("cgroup.procs"), procs);
        Files.setLastModifiedTime(group, FileTime.from(modified));
        return group;
    }
}
