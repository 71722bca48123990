package cloud.nextmcp.core.leadership;

import cloud.nextmcp.core.db.ConnectionInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A PostgreSQL session-level advisory lock {@code (NAMESPACE, key(name))} held on a connection of
 * its own, outside the pool. The lock lives exactly as long as that session: when the holder's
 * process dies the server closes the session and the lock is free at once, which is what lets
 * another replica take over within one poll.
 */
public final class LeaderLock implements AutoCloseable {
    /** First half of the two-part key: "LEAD", so no other advisory lock user collides. */
    public static final int NAMESPACE = 0x4C454144;

    private final ConnectionInfo db;
    private final String name;
    private final Duration timeout;
    private Connection connection;

    /** @param timeout how long one statement may wait on the network before the lock counts as lost */
    public LeaderLock(ConnectionInfo db, String name, Duration timeout) {
        this.db = db;
        this.name = name;
        this.timeout = timeout;
    }

    public String name() {
        return name;
    }

    /** Second half of the key: a stable hash of the lock's name. */
    public static int key(String name) {
        return name.hashCode();
    }

    /** Tries once, without waiting; true when this object's session holds the lock (also if it already did). */
    public synchronized boolean tryAcquire() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = open();
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, key(name));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** Whether the session is alive and still holds the lock; false (never an exception) when the connection is gone. */
    public synchronized boolean stillHeld() {
        if (connection == null) {
            return false;
        }
        // A two-part advisory key shows in pg_locks as classid = first part, objid = second part, objsubid = 2.
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE "
                + "locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND objsubid = 2 "
                + "AND classid = CAST(CAST(? AS bigint) AS oid) AND objid = CAST(CAST(? AS bigint) AS oid))")) {
            s.setLong(1, Integer.toUnsignedLong(NAMESPACE));
            s.setLong(2, Integer.toUnsignedLong(key(name)));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Ends the session, which releases the lock; the next {@link #tryAcquire()} opens a new one. */
    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is gone either way (closed here or dropped by the server), and with it the lock.
            throw new IllegalStateException("Could not close the session of leader lock " + name + ": " + e.getMessage(), e);
        } finally {
            connection = null;
        }
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        long seconds = Math.max(1, timeout.toSeconds());
        props.setProperty("connectTimeout", Long.toString(seconds));
        // A half-open connection must fail a check instead of hanging: then this replica steps down.
        props.setProperty("socketTimeout", Long.toString(seconds));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "nextmcp-leader-" + name);
        Connection c = DriverManager.getConnection(db.jdbcUrl(), props);
        c.setAutoCommit(true);
        return c;
    }
}
