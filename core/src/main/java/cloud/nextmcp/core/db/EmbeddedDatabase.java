package cloud.nextmcp.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries shipped in a Maven artifact. Its cluster lives in
 * {@code <data>/postgres} and is kept across restarts, so accounts and apps survive them. Only SCRAM
 * passwords get in, on loopback and a private socket; the platform connects as the unprivileged role
 * {@value PlatformRole#ROLE}, and the superuser's password serves only the set-up at start. A
 * supervisor starts the server again if it dies.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** Unix socket paths are limited to 107 bytes; a longer data directory path gets no socket. */
    private static final int MAX_SOCKET_DIRECTORY = 90;

    private final EmbeddedPostgres postgres;
    private final DatabasePasswords passwords;
    private final DatabaseSupervisor supervisor;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabasePasswords passwords, DatabaseSupervisor supervisor) {
        this.postgres = postgres;
        this.passwords = passwords;
        this.supervisor = supervisor;
    }

    /**
     * @param cluster the cluster's directory ({@code <data>/postgres})
     * @param socketDirectory a directory only this platform's user may enter, for the Unix socket
     * @param secrets where the generated passwords are kept ({@code <data>/secrets})
     */
    public static EmbeddedDatabase start(Path cluster, Path socketDirectory, Path secrets) {
        try {
            Files.createDirectories(cluster);
            boolean created = !Files.exists(cluster.resolve("postgresql.conf"));
            DiskSpace.require(cluster, created ? DiskSpace.TO_CREATE : DiskSpace.TO_START);
            OrphanedServer.stop(cluster);
            DatabasePasswords passwords = DatabasePasswords.in(secrets, new SecureRandom());
            PostgresBinaries binaries = PostgresBinaries.of(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
            Map<String, String> settings = settings(socketDirectory);
            ClusterAccess access = new ClusterAccess(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.workingDirectory().toFile())
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    // Dropwizard's lifecycle stops the server after the roles that write to it; a JVM
                    // shutdown hook of its own would stop it while they still flush.
                    .setRegisterShutdownHook(false)
                    .setConnectConfig("password", passwords.superuser())
                    .setDataDirectoryCustomizer(dir -> access.apply(dir.toPath(), passwords.superuser()));
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            if (created) {
                LOG.info("Created the embedded PostgreSQL cluster in {}", cluster);
            }
            try {
                new PlatformRole(pg.getPort(), passwords).apply();
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            DatabaseSupervisor supervisor = new DatabaseSupervisor(cluster, binaries, serverOptions(pg.getPort(), settings),
                    pg.getPort());
            supervisor.start();
            return new EmbeddedDatabase(pg, passwords, supervisor);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + cluster + ": " + e.getMessage(), e);
        }
    }

    /** Server settings, passed on the command line at every start (zonky's first, the supervisor's later ones). */
    private static Map<String, String> settings(Path socketDirectory) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        // Named here so that a restart by the supervisor runs with the same settings as zonky's start.
        settings.put("timezone", "UTC");
        // zonky's default is off (fast tests); a platform must keep what it acknowledged when the server dies.
        settings.put("synchronous_commit", "on");
        settings.put("max_connections", "200");
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("password_encryption", "scram-sha-256");
        String socket = socketDirectory.toAbsolutePath().toString();
        if (socket.length() <= MAX_SOCKET_DIRECTORY && !socket.contains(" ")) {
            Files.createDirectories(socketDirectory);
            Files.setPosixFilePermissions(socketDirectory, PosixFilePermissions.fromString("rwx------"));
            settings.put("unix_socket_directories", socket);
        } else {
            LOG.info("The embedded PostgreSQL gets no Unix socket: {} is too long a path for one", socket);
            settings.put("unix_socket_directories", "''");
        }
        return settings;
    }

    /** The options zonky passes to the postmaster ({@code -p PORT -F -c key=value …}). */
    private static List<String> serverOptions(int port, Map<String, String> settings) {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port), "-F"));
        settings.forEach((key, value) -> {
            options.add("-c");
            options.add(key + "=" + value);
        });
        return options;
    }

    static String jdbcUrl(int port, String database) {
        // 127.0.0.1, not localhost: the server listens on IPv4 loopback only.
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    /** How the platform connects: the unprivileged role, never the superuser. */
    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo(jdbcUrl(port(), PlatformRole.DATABASE), PlatformRole.ROLE, passwords.platform());
    }

    @Override
    public void close() {
        supervisor.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
        }
    }
}
