package cloud.nextmcp.git.repos;

import cloud.nextmcp.git.receive.Quarantine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what interrupted pushes left on disk: push quarantines ({@code objects/incoming-*}) and
 * JGit's half-received packs ({@code objects/pack/incoming_*}). A push killed with the gateway
 * never cleans up after itself, and each leftover can be as large as the pack limit. Only files
 * older than {@code maxAge} go, since another gateway replica may be receiving into a young one.
 */
public final class IncomingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingSweeper.class);

    private final AppRepositories repositories;
    private final Duration maxAge;
    private final Clock clock;

    public IncomingSweeper(AppRepositories repositories, Duration maxAge, Clock clock) {
        this.repositories = repositories;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Sweeps every repository; returns how many leftovers were deleted. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(maxAge);
        int deleted = 0;
        try {
            for (long appId : repositories.appIdsOnDisk()) {
                Path objects = repositories.location(appId).resolve("objects");
                deleted += sweep(objects, Quarantine.PREFIX + "*", cutoff, appId);
                deleted += sweep(objects.resolve("pack"), "incoming_*", cutoff, appId);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Sweep of stale incoming push files stopped: {}", e.toString());
        }
        return deleted;
    }

    private static int sweep(Path dir, String glob, Instant cutoff, long appId) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            for (Path entry : entries) {
                if (newest(entry).isBefore(cutoff)) {
                    long bytes = delete(entry);
                    LOG.info("Deleted stale {} of app id {} ({} bytes) left by an interrupted push", entry.getFileName(),
                            appId, bytes);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** The latest modification under {@code path}: a quarantine still being written to is young. */
    private static Instant newest(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            return paths.map(IncomingSweeper::modified).max(Comparator.naturalOrder()).orElse(Instant.MAX);
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.MIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long delete(Path path) throws IOException {
        long bytes = 0;
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                bytes += Files.isRegularFile(p) ? Files.size(p) : 0;
                Files.deleteIfExists(p);
            }
        }
        return bytes;
    }
}
