package cloud.nextmcp.api.testing;

import cloud.nextmcp.core.db.ConnectionInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A LISTEN connection of its own, to check what a request NOTIFYed. */
public final class Notifications implements AutoCloseable {
    private final Connection connection;

    public Notifications(ConnectionInfo db, String channel) throws SQLException {
        connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + channel);
        }
    }

    /** The payloads that arrived, waiting up to 10 s for the first one. */
    public List<String> payloads() throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(10_000);
        if (notifications != null) {
            for (PGNotification n : notifications) {
                payloads.add(n.getParameter());
            }
        }
        return payloads;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
