package cloud.nextmcp.core.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import cloud.nextmcp.core.db.ConnectionInfo;

/**
 * Signals between roles over PostgreSQL LISTEN/NOTIFY. A notification only says "something in
 * channel X changed" (payload: an id, a hint); listeners re-read the rows. After a dropped
 * connection every subscriber's {@link Subscriber#resync()} is called, because notifications
 * sent while disconnected are lost and state must be re-read instead.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** A listener of one channel. */
    public interface Subscriber {
        void onNotification(String payload);

        /** Called after (re)connecting, when notifications may have been missed. */
        default void resync() {
        }
    }

    /** A subscription's end: a component that lives shorter than the bus (e.g. one leadership term) closes it. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Jdbi jdbi;
    private final ConnectionInfo connectionInfo;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile Connection listenConnection;
    private Thread thread;

    public EventBus(Jdbi jdbi, ConnectionInfo connectionInfo) {
        this.jdbi = jdbi;
        this.connectionInfo = connectionInfo;
    }

    /** Sends a notification now (outside any transaction). */
    public void publish(String channel, String payload) {
        jdbi.useHandle(h -> publish(h, channel, payload));
    }

    /** Sends a notification with the handle's transaction: delivered when it commits, dropped if it rolls back. */
    public static void publish(Handle handle, String channel, String payload) {
        requireChannel(channel);
        handle.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", channel)
                .bind("payload", payload == null ? "" : payload)
                .mapTo(String.class)
                .one();
    }

    public synchronized Subscription subscribe(String channel, Subscriber subscriber) {
        requireChannel(channel);
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        listenOn(channel);
        List<Subscriber> ofChannel = subscribers.get(channel);
        return () -> ofChannel.remove(subscriber);
    }

    private void listenOn(String channel) {
        if (thread == null) {
            thread = new Thread(this::loop, "event-bus-listener");
            thread.setDaemon(true);
            thread.start();
        } else {
            Connection c = listenConnection;
            if (c != null) {
                try {
                    listen(c, channel);
                } catch (SQLException e) {
                    LOG.warn("LISTEN {} failed; it will be retried on reconnect", channel, e);
                }
            }
        }
    }

    private void loop() {
        long backoffMillis = 100;
        while (running) {
            try (Connection c = DriverManager.getConnection(connectionInfo.jdbcUrl(), connectionInfo.user(), connectionInfo.password())) {
                listenConnection = c;
                listening.clear();
                for (String channel : subscribers.keySet()) {
                    listen(c, channel);
                }
                subscribers.values().forEach(list -> list.forEach(this::safeResync));
                backoffMillis = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        dispatch(n.getName(), n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Event bus connection lost ({}); reconnecting in {} ms", e.getMessage(), backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            } finally {
                listenConnection = null;
            }
        }
    }

    private void listen(Connection c, String channel) throws SQLException {
        if (listening.add(channel)) {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + channel);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Subscriber s : subscribers.getOrDefault(channel, List.of())) {
            try {
                s.onNotification(payload);
            } catch (RuntimeException e) {
                LOG.error("Subscriber of channel {} failed on payload '{}'", channel, payload, e);
            }
        }
    }

    private void safeResync(Subscriber s) {
        try {
            s.resync();
        } catch (RuntimeException e) {
            LOG.error("Subscriber resync failed", e);
        }
    }

    private static void requireChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a valid channel name: " + channel);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
