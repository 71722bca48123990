package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.EventBus;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that runs one pass of work every interval, and at once when a NOTIFY of its
 * channel arrives (or the event bus reconnects). The rows say what is due, so a lost notification
 * costs at most one interval.
 */
final class Ticker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final String name;
    private final Duration interval;
    private final Runnable pass;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    Ticker(String name, Duration interval, Runnable pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    void start(EventBus events, String channel) {
        running = true;
        events.subscribe(channel, new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                wake.release();
            }

            @Override
            public void resync() {
                wake.release();
            }
        });
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                pass.run();
            } catch (RuntimeException e) {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("{}: {}; trying again in {}", name, DatabaseOutage.MESSAGE, interval);
                } else {
                    LOG.error("{}: a pass failed; trying again in {}", name, interval, e);
                }
            }
            try {
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
