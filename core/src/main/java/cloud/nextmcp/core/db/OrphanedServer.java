package cloud.nextmcp.core.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform process killed with SIGKILL leaves its PostgreSQL running (it is a separate process).
 * If no live platform holds the cluster, the orphan is stopped so this start can take the cluster
 * over; if one does, the start is refused rather than run two servers on one cluster.
 */
final class OrphanedServer {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedServer.class);

    private OrphanedServer() {
    }

    static void stop(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(cluster.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new DatabaseStartFailure("Another NextMCP process is using the data directory " + cluster
                        + "; stop it first or choose another data directory");
            }
            long pid;
            try {
                pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            } catch (RuntimeException e) {
                LOG.warn("Ignoring unreadable {}", pidFile);
                return;
            }
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(orphan -> stop(orphan, pid));
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The data directory " + cluster + " is already in use by this process", e);
        }
    }

    private static void stop(ProcessHandle orphan, long pid) {
        LOG.warn("Stopping PostgreSQL (pid {}) left running by a platform process that was killed", pid);
        orphan.destroy();
        try {
            orphan.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping orphaned PostgreSQL " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Orphaned PostgreSQL (pid " + pid + ") did not stop", e);
        }
    }
}
