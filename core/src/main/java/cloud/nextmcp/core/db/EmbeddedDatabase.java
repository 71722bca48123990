package cloud.nextmcp.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries shipped in a Maven artifact. Its cluster lives in
 * {@code dataDirectory} and is kept across restarts, so accounts and apps survive them.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DATABASE = "nextmcp";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg);
            db.ensureDatabase();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A platform process killed with SIGKILL leaves its PostgreSQL running (it is a separate
     * process). If no live platform holds the data directory, stop that orphan so this start can
     * take the cluster over; if one does, refuse rather than run two servers on one cluster.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another NextMCP process is using the data directory " + dataDirectory
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
                    .ifPresent(orphan -> {
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
                    });
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The data directory " + dataDirectory + " is already in use by this process", e);
        }
    }

    private void ensureDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE + " in the embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo("jdbc:postgresql://localhost:" + port() + "/" + DATABASE, "postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
        }
    }
}
