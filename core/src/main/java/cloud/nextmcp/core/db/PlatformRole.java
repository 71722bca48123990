package cloud.nextmcp.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role the platform connects as: it may log in and owns the {@code nextmcp} database, its
 * {@code public} schema and everything in it (so migrations run as it), and nothing more — not a
 * superuser, so SQL that reaches it cannot run programs or read files on the host. Run as the
 * superuser at every start; it also hands over a database created by an older platform, whose
 * tables the superuser owns.
 */
final class PlatformRole {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformRole.class);
    static final String ROLE = "nextmcp";
    static final String DATABASE = "nextmcp";
    private static final String ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";
    /** Roles that let a member run programs or read and write files on the host. */
    private static final List<String> HOST_ACCESS_ROLES =
            List.of("pg_execute_server_program", "pg_read_server_files", "pg_write_server_files");

    private final int port;
    private final DatabasePasswords passwords;

    PlatformRole(int port, DatabasePasswords passwords) {
        this.port = port;
        this.passwords = passwords;
    }

    void apply() {
        try {
            try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
                ensureRole(c, s);
                ensureDatabase(c, s);
            }
            try (Connection c = superuser(DATABASE); Statement s = c.createStatement()) {
                handOverSchema(c, s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the database role " + ROLE + " in the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(port, database), "postgres", passwords.superuser());
    }

    private void ensureRole(Connection c, Statement s) throws SQLException {
        boolean exists = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE);
        // The password is generated base64url: no quote can end the literal.
        s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + ROLE + " " + ATTRIBUTES
                + " PASSWORD '" + passwords.platform() + "'");
        for (String hostAccess : HOST_ACCESS_ROLES) {
            if (exists(c, "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                    + " JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = '" + hostAccess + "' AND u.rolname = ?", ROLE)) {
                s.execute("REVOKE " + hostAccess + " FROM " + ROLE);
            }
        }
        if (!exists) {
            LOG.info("Created the database role {} the platform connects as", ROLE);
        }
    }

    private void ensureDatabase(Connection c, Statement s) throws SQLException {
        if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
            s.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + ROLE);
        } else {
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        }
    }

    /** The schema and every relation in it, Liquibase's own tables included, to the platform's role. */
    private void handOverSchema(Connection c, Statement s) throws SQLException {
        s.execute("ALTER SCHEMA public OWNER TO " + ROLE);
        List<String> changes = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT c.relkind, quote_ident(c.relname) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = ?)
                  AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                ORDER BY c.relkind DESC""")) {
            q.setString(1, ROLE);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    changes.add(switch (rs.getString(1)) {
                        case "v" -> "ALTER VIEW ";
                        case "m" -> "ALTER MATERIALIZED VIEW ";
                        case "S" -> "ALTER SEQUENCE ";
                        case "f" -> "ALTER FOREIGN TABLE ";
                        default -> "ALTER TABLE ";
                    } + rs.getString(2) + " OWNER TO " + ROLE);
                }
            }
        }
        for (String change : changes) {
            s.execute(change);
        }
        if (!changes.isEmpty()) {
            LOG.info("Handed {} tables, sequences and views of database {} over to role {}", changes.size(), DATABASE, ROLE);
        }
    }

    private static boolean exists(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
