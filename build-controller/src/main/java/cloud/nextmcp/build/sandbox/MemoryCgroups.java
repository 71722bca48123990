package cloud.nextmcp.build.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory limits for instances through the kernel's memory cgroup: one group per process, below the
 * platform's own group, holding the launcher and everything the app starts. Works with cgroup v1 (a
 * {@code memory} hierarchy) and v2 (a unified hierarchy with the memory controller delegated); where
 * neither is writable, {@link #available()} is false and instances run uncapped.
 */
public final class MemoryCgroups {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryCgroups.class);
    private static final Path SYSFS = Path.of("/sys/fs/cgroup");
    private static final Path SELF = Path.of("/proc/self/cgroup");
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    /** The two kernel interfaces: file names differ, the idea is the same. */
    enum Version {
        V1("memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.oom_control"),
        V2("memory.max", "memory.swap.max", "memory.events");

        final String limit;
        final String swap;
        final String events;

        Version(String limit, String swap, String events) {
            this.limit = limit;
            this.swap = swap;
            this.events = events;
        }
    }

    private final Version version;
    private final Path base;
    private final String unavailableBecause;

    private MemoryCgroups(Version version, Path base, String unavailableBecause) {
        this.version = version;
        this.base = base;
        this.unavailableBecause = unavailableBecause;
    }

    /** Finds a memory cgroup hierarchy this process may create groups in, below its own group. */
    public static MemoryCgroups detect() {
        return detect(SYSFS, SELF);
    }

    static MemoryCgroups detect(Path sysfs, Path self) {
        List<String> lines;
        try {
            lines = Files.readAllLines(self, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return unavailable("cannot read " + self + ": " + e.getMessage());
        }
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")
                    && Files.isRegularFile(sysfs.resolve("memory").resolve("memory.limit_in_bytes"))) {
                return prepare(Version.V1, sysfs.resolve("memory").resolve(relative(parts[2])).resolve("nextmcp"));
            }
        }
        for (String line : lines) {
            if (line.startsWith("0::") && controllers(sysfs).contains("memory")) {
                Path own = sysfs.resolve(relative(line.substring(3)));
                return prepare(Version.V2, own.resolve("nextmcp"));
            }
        }
        return unavailable("no writable memory cgroup controller");
    }

    private static MemoryCgroups prepare(Version version, Path base) {
        try {
            Files.createDirectories(base);
            if (version == Version.V2) {
                Files.writeString(base.resolve("cgroup.subtree_control"), "+memory");
            }
            if (!Files.isWritable(base.resolve("cgroup.procs"))) {
                return unavailable(base + " is not writable");
            }
            clearLeftovers(base);
            return new MemoryCgroups(version, base, null);
        } catch (IOException | UnsupportedOperationException e) {
            return unavailable("cannot create " + base + ": " + e.getMessage());
        }
    }

    private static MemoryCgroups unavailable(String why) {
        return new MemoryCgroups(null, null, why);
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static List<String> controllers(Path sysfs) {
        try {
            return List.of(Files.readString(sysfs.resolve("cgroup.controllers")).trim().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Groups left by an earlier run: empty by now (their processes are gone), so they can go. A group
     * with processes, or one made in the last minute (it is joined milliseconds after it is made),
     * may belong to another platform process on this host, e.g. a second replica: it stays.
     */
    private static void clearLeftovers(Path base) throws IOException {
        Instant now = Instant.now();
        try (Stream<Path> groups = Files.list(base)) {
            for (Path group : groups.filter(Files::isDirectory).toList()) {
                try {
                    if (isLeftover(group, now)) {
                        Files.delete(group);
                    }
                } catch (IOException e) {
                    LOG.warn("Memory cgroup {} of an earlier run could not be removed: {}", group, e.getMessage());
                }
            }
        }
    }

    static boolean isLeftover(Path group, Instant now) throws IOException {
        return Files.getLastModifiedTime(group).toInstant().isBefore(now.minus(LEFTOVER_AGE))
                && Files.readString(group.resolve("cgroup.procs")).isBlank();
    }

    public boolean available() {
        return base != null;
    }

    /** Why memory cannot be capped here, for the logs; null when it can. */
    public String unavailableBecause() {
        return unavailableBecause;
    }

    /** A new group limited to {@code megabytes} (swap included) for one process of {@code owner} (e.g. "7-web.1"). */
    public MemoryCap cap(String owner, int megabytes) throws IOException {
        if (!available()) {
            throw new IOException("memory limits are not available here: " + unavailableBecause);
        }
        Path group = base.resolve(owner.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(group);
        long bytes = megabytes * 1024L * 1024L;
        Files.writeString(group.resolve(version.limit), Long.toString(bytes));
        Path swap = group.resolve(version.swap);
        if (Files.exists(swap)) {
            // v1 counts memory plus swap here, so the same number forbids swap; v2 counts swap alone.
            Files.writeString(swap, version == Version.V1 ? Long.toString(bytes) : "0");
        }
        return new MemoryCap(group, megabytes, group.resolve(version.events));
    }
}
