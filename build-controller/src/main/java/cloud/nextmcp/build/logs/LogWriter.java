package cloud.nextmcp.build.logs;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes instance output and platform events to {@code log_lines} off the caller's thread, in
 * batches with one NOTIFY {@code logs} per app and batch, so a chatty app costs one insert per
 * batch rather than per line and never blocks on the database. When the queue is full, lines are
 * dropped and counted rather than slowing the app down.
 */
public final class LogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final int MAX_LINE_CHARS = 8_192;
    private static final int BATCH = 500;

    private record Entry(long appId, String source, String line) {
    }

    private final Jdbi jdbi;
    private final BlockingQueue<Entry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public LogWriter(Jdbi jdbi, int capacity) {
        this.jdbi = jdbi;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "log-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a line of an app's log; {@code source} is e.g. {@code web.1} or {@code platform}. */
    public void append(long appId, String source, String line) {
        String text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " [truncated]" : line;
        if (!queue.offer(new Entry(appId, source, text))) {
            dropped.incrementAndGet();
        }
    }

    private void loop() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                DatabaseOutage.logFailure(LOG, "Could not store " + batch.size() + " log lines", e);
            } finally {
                batch.clear();
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                LOG.warn("Dropped {} app log lines: output came faster than the database took it", lost);
            }
        }
    }

    private void write(List<Entry> batch) {
        jdbi.useTransaction(h -> {
            // The app may have been deleted meanwhile; its lines are skipped instead of failing the batch.
            PreparedBatch insert = h.prepareBatch("INSERT INTO log_lines (app_id, source, line) "
                    + "SELECT :appId, :source, :line WHERE EXISTS (SELECT 1 FROM apps WHERE id = :appId)");
            Set<Long> apps = new LinkedHashSet<>();
            for (Entry e : batch) {
                insert.bind("appId", e.appId()).bind("source", e.source()).bind("line", e.line()).add();
                apps.add(e.appId());
            }
            insert.execute();
            for (long app : apps) {
                EventBus.publish(h, Channels.LOGS, Long.toString(app));
            }
        });
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
