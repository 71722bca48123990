package cloud.nextmcp.core.testing;

import cloud.nextmcp.core.db.ConnectionInfo;
import cloud.nextmcp.core.db.Jdbis;
import cloud.nextmcp.core.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL per test JVM (started on first use, stopped at JVM exit) and a fresh,
 * migrated database per caller, so test classes never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A migrated database of its own. */
    public static TestDatabase newDatabase() {
        TestDatabase db = newEmptyDatabase();
        Migrations.migrate(db.dataSource());
        return db;
    }

    /** An empty database of its own (no migrations applied). */
    public static synchronized TestDatabase newEmptyDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        ConnectionInfo info = new ConnectionInfo("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, "postgres", "postgres");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(info.jdbcUrl());
        ds.setUser(info.user());
        ds.setPassword(info.password());
        return new TestDatabase(info, ds, Jdbis.create(ds));
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL for tests", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return server;
    }

    public record TestDatabase(ConnectionInfo connectionInfo, DataSource dataSource, Jdbi jdbi) {
    }
}
