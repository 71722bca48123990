package cloud.nextmcp.core.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL's postmaster and starts it again, with back-off, when it dies,
 * on the same port and with the same options, so the pool's URL stays valid and the platform
 * recovers without a restart. While it is down every surface answers "database unavailable".
 */
final class DatabaseSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSupervisor.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Path cluster;
    private final PostgresBinaries binaries;
    private final List<String> serverOptions;
    private final int port;
    private final Thread thread;
    private volatile boolean closed;

    DatabaseSupervisor(Path cluster, PostgresBinaries binaries, List<String> serverOptions, int port) {
        this.cluster = cluster;
        this.binaries = binaries;
        this.serverOptions = List.copyOf(serverOptions);
        this.port = port;
        this.thread = new Thread(this::watch, "postgres-supervisor");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void watch() {
        while (!closed) {
            OptionalLong pid = postmasterPid();
            if (running(pid)) {
                if (!sleep(CHECK_INTERVAL)) {
                    return;
                }
                continue;
            }
            LOG.warn("The embedded PostgreSQL (pid {}) in {} has stopped; starting it again on port {}",
                    pid.isPresent() ? pid.getAsLong() : "unknown", cluster, port);
            restartWithBackoff();
        }
    }

    private void restartWithBackoff() {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; !closed; attempt++) {
            if (running(postmasterPid())) {
                return;
            }
            String failure = startServer();
            if (failure == null) {
                LOG.info("The embedded PostgreSQL is running again on port {} (attempt {})", port, attempt);
                return;
            }
            LOG.warn("Attempt {} to start the embedded PostgreSQL again failed: {}; next attempt in {} s", attempt, failure,
                    backoff.toSeconds());
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Runs {@code pg_ctl start}; null when the server runs, else what went wrong. */
    private String startServer() {
        List<String> command = binaries.command("pg_ctl", List.of("-D", cluster.toString(),
                "-o", String.join(" ", serverOptions), "-l", cluster.resolve("restarted-server.log").toString(),
                "-w", "-t", "60", "start"));
        try {
            Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(pgCtl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!pgCtl.waitFor(90, TimeUnit.SECONDS)) {
                pgCtl.destroyForcibly();
                return "pg_ctl did not finish within 90 s";
            }
            return pgCtl.exitValue() == 0 ? null
                    : "pg_ctl exited with " + pgCtl.exitValue() + ": " + output + lastServerLogLine();
        } catch (IOException e) {
            return "could not run pg_ctl: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String lastServerLogLine() {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("restarted-server.log"));
            return lines.isEmpty() ? "" : " (server log: " + lines.get(lines.size() - 1) + ")";
        } catch (IOException e) {
            return " (no server log: " + e.getMessage() + ")";
        }
    }

    private static boolean running(OptionalLong pid) {
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    private OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            // Absent or half-written while the server starts or stops: treated as not running.
            return OptionalLong.empty();
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
