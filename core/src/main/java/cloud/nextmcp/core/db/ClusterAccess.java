package cloud.nextmcp.core.db;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded cluster, applied before the server listens: {@code pg_hba.conf}
 * allows only SCRAM passwords (loopback and the private socket), and the superuser's password is set
 * in single-user mode, which opens no socket. A cluster created by zonky ({@code trust} for
 * everyone) or by an older platform is brought to this state by the same steps at every start.
 */
final class ClusterAccess {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAccess.class);
    static final String HBA = """
            # Written by NextMCP at every start: SCRAM passwords only, on loopback and the private socket.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final PostgresBinaries binaries;

    ClusterAccess(PostgresBinaries binaries) {
        this.binaries = binaries;
    }

    /** Rewrites {@code pg_hba.conf} and sets the superuser's password; the server must not be running. */
    void apply(Path cluster, String superuserPassword) {
        try {
            Files.writeString(cluster.resolve("pg_hba.conf"), HBA);
            setSuperuserPassword(cluster, superuserPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not secure the embedded PostgreSQL in " + cluster + ": " + e.getMessage(), e);
        }
    }

    private void setSuperuserPassword(Path cluster, String password) throws IOException {
        Process single = new ProcessBuilder(binaries.command("postgres", List.of("--single", "-D", cluster.toString(),
                "-c", "password_encryption=scram-sha-256", "-c", "exit_on_error=true", "postgres")))
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = single.getOutputStream()) {
            in.write(("ALTER ROLE postgres PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!single.waitFor(120, TimeUnit.SECONDS)) {
                single.destroyForcibly();
                throw new IllegalStateException("PostgreSQL in single-user mode did not finish within 120 s in " + cluster);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            single.destroyForcibly();
            throw new IllegalStateException("Interrupted while setting the database superuser's password", e);
        }
        if (single.exitValue() != 0) {
            throw new IllegalStateException("Could not set the database superuser's password in " + cluster
                    + " (postgres --single exited with " + single.exitValue() + "): " + output.strip());
        }
        LOG.debug("Superuser password set in {}", cluster);
    }
}
