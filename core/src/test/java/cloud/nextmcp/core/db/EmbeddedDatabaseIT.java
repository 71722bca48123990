package cloud.nextmcp.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL lets in only passwords, and the platform's own connection is no superuser. */
class EmbeddedDatabaseIT {
    @TempDir
    Path data;

    @Test
    void thePlatformsConnectionCannotRunProgramsAndIsNoSuperuser() throws Exception {
        try (EmbeddedDatabase db = start()) {
            ConnectionInfo info = db.connectionInfo();
            assertThat(info.user()).isEqualTo("nextmcp");
            try (Connection c = connect(info); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).isFalse();
                }
                assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).as("insufficient privilege").isEqualTo("42501"));
                assertThatThrownBy(() -> s.execute("SELECT pg_read_file('/etc/passwd')"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).as("insufficient privilege").isEqualTo("42501"));
            }
            try (Connection c = connect(info)) {
                Migrations.migrate(c);
            }
        }
    }

    @Test
    void aConnectionWithoutPasswordIsRefused() throws Exception {
        try (EmbeddedDatabase db = start()) {
            for (String user : new String[] {"postgres", "nextmcp"}) {
                Properties noPassword = new Properties();
                noPassword.setProperty("user", user);
                assertThatThrownBy(() -> DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres", noPassword).close())
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password");
                assertThatThrownBy(() -> DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres", user, "wrong").close())
                        .hasMessageContaining("password authentication failed");
            }
            assertThat(Files.readString(data.resolve("postgres/pg_hba.conf"))).doesNotContain("trust")
                    .contains("scram-sha-256");
        }
    }

    @Test
    void thePasswordsAreKeptInTheSecretsDirectoryReadableOnlyByTheOwner() throws Exception {
        try (EmbeddedDatabase db = start()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets"))))
                    .isEqualTo("rwx------");
            for (String file : new String[] {DatabasePasswords.SUPERUSER_FILE, DatabasePasswords.PLATFORM_FILE}) {
                Path path = data.resolve("secrets").resolve(file);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
            }
            assertThat(Files.readString(data.resolve("secrets").resolve(DatabasePasswords.PLATFORM_FILE)).trim())
                    .isEqualTo(db.connectionInfo().password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres-socket"))))
                    .isEqualTo("rwx------");
        }
        try (EmbeddedDatabase again = start(); Connection c = connect(again.connectionInfo())) {
            assertThat(c.isValid(5)).as("the kept passwords work after a restart").isTrue();
        }
    }

    @Test
    void aTrustDataDirectoryOfTheOldPlatformIsSecuredAndKeepsItsData() throws Exception {
        Path cluster = data.resolve("postgres");
        // What the previous platform made: zonky's trust cluster, tables migrated and owned by postgres.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(cluster).setCleanDataDirectory(false)
                .start()) {
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE nextmcp");
            }
            try (Connection c = old.getDatabase("postgres", "nextmcp").getConnection(); Statement s = c.createStatement()) {
                Migrations.migrate(c);
                c.setAutoCommit(true);
                s.execute("INSERT INTO users (email, password_hash) VALUES ('old@example.com', 'x')");
            }
        }

        try (EmbeddedDatabase db = start(); Connection c = connect(db.connectionInfo()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT email FROM users")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("old@example.com");
            }
            s.execute("INSERT INTO users (email, password_hash) VALUES ('new@example.com', 'y')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v') AND pg_get_userbyid(c.relowner) <> 'nextmcp'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("relations in public not owned by nextmcp").isZero();
            }
            Migrations.migrate(c);
            assertThat(Files.readString(cluster.resolve("pg_hba.conf"))).doesNotContain("trust");
            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + db.port() + "/nextmcp", noPassword).close())
                    .isInstanceOf(SQLException.class);
        }
    }

    private EmbeddedDatabase start() {
        return EmbeddedDatabase.start(data.resolve("postgres"), data.resolve("postgres-socket"), data.resolve("secrets"));
    }

    private static Connection connect(ConnectionInfo info) throws SQLException {
        return DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
    }
}
