package cloud.nextmcp.build.logs;

import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.db.DatabaseOutage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most {@code maxLinesPerApp} log lines per app (build output included), deleting the oldest,
 * and none older than the app's plan keeps logs ({@code logRetentionDays}; unlimited with billing off).
 */
public final class LogRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

    private final Jdbi jdbi;
    private final int maxLinesPerApp;
    private final Duration interval;
    private final Entitlements entitlements;
    private ScheduledExecutorService scheduler;

    public LogRetention(Jdbi jdbi, int maxLinesPerApp, Duration interval, Entitlements entitlements) {
        if (maxLinesPerApp <= 0) {
            throw new IllegalArgumentException("maxLinesPerApp must be positive, got " + maxLinesPerApp);
        }
        this.jdbi = jdbi;
        this.maxLinesPerApp = maxLinesPerApp;
        this.interval = interval;
        this.entitlements = entitlements;
    }

    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "log-retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::pruneSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes every app's lines beyond the newest {@code maxLinesPerApp} or its plan's days; returns how many went. */
    public int prune() {
        List<Long> apps = jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps ORDER BY id").mapTo(Long.class).list());
        int deleted = 0;
        for (long app : apps) {
            // Lines are ordered by id; the cut-off is the id of the newest line that no longer fits.
            deleted += jdbi.withHandle(h -> h.createUpdate("DELETE FROM log_lines WHERE app_id = :app AND id <= "
                            + "(SELECT id FROM log_lines WHERE app_id = :app ORDER BY id DESC OFFSET :keep LIMIT 1)")
                    .bind("app", app)
                    .bind("keep", maxLinesPerApp)
                    .execute());
            deleted += jdbi.withHandle(h -> entitlements.logRetentionDays(h, app)
                    .map(days -> h.createUpdate("DELETE FROM log_lines WHERE app_id = :app AND at < now() - make_interval(days => :days)")
                            .bind("app", app).bind("days", days).execute())
                    .orElse(0));
        }
        return deleted;
    }

    private void pruneSafely() {
        try {
            int deleted = prune();
            if (deleted > 0) {
                LOG.debug("Pruned {} old log lines", deleted);
            }
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Pruning old log lines: {}; will retry in {}", DatabaseOutage.MESSAGE, interval);
            } else {
                LOG.error("Pruning old log lines failed; will retry in {}", interval, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
