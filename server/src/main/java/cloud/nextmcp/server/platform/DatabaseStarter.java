package cloud.nextmcp.server.platform;

import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.db.ConnectionInfo;
import cloud.nextmcp.core.db.DatabaseConfig;
import cloud.nextmcp.core.db.EmbeddedDatabase;
import cloud.nextmcp.core.db.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings up the platform's PostgreSQL (embedded, or the external one configured) and migrates its schema. */
public final class DatabaseStarter {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStarter.class);

    /** The running database; {@code embedded} is empty for an external server. */
    public record StartedDatabase(ConnectionInfo connectionInfo, Optional<EmbeddedDatabase> embedded) {
    }

    private DatabaseStarter() {
    }

    public static StartedDatabase start(DatabaseConfig config, DataDirectory dataDirectory) {
        StartedDatabase db;
        if (config.isEmbedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDirectory.postgres(), dataDirectory.postgresSocket(),
                    dataDirectory.secrets());
            LOG.info("Embedded PostgreSQL running on port {} with data in {}", embedded.port(), dataDirectory.postgres());
            db = new StartedDatabase(embedded.connectionInfo(), Optional.of(embedded));
        } else {
            db = new StartedDatabase(new ConnectionInfo(config.url(), config.user(), config.password()), Optional.empty());
            LOG.info("Using external PostgreSQL at {}", config.url());
        }
        try (Connection c = DriverManager.getConnection(db.connectionInfo().jdbcUrl(), db.connectionInfo().user(),
                db.connectionInfo().password())) {
            Migrations.migrate(c);
        } catch (SQLException e) {
            db.embedded().ifPresent(EmbeddedDatabase::close);
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + db.connectionInfo().jdbcUrl() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            db.embedded().ifPresent(EmbeddedDatabase::close);
            throw e;
        }
        return db;
    }
}
