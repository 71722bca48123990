package cloud.nextmcp.router.wake;

import cloud.nextmcp.core.autoscale.AppLoadDao;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of this router's {@code app_load} rows: every interval a sample per autoscaled app (in
 * flight, open streams, held requests, last request), written only when it changed or is not zero; and a
 * wake request (row + NOTIFY {@code wakes}) as soon as a request is held for a sleeping app. Runs on the
 * wake thread, never on an event loop.
 */
final class LoadReporter {
    private static final Logger LOG = LoggerFactory.getLogger(LoadReporter.class);

    private record Sample(int inFlight, int streams, int waiting, long lastRequestMillis) {
    }

    private final Jdbi jdbi;
    private final String routerId;
    private final ExecutorService thread;
    private final Map<Long, Sample> written = new HashMap<>();

    LoadReporter(Jdbi jdbi, String routerId, ExecutorService thread) {
        this.jdbi = jdbi;
        this.routerId = routerId;
        this.thread = thread;
    }

    /** Asks for a wake of the app, off the event loop. */
    void requestWake(long appId, int waiting) {
        try {
            thread.execute(() -> {
                try {
                    jdbi.useTransaction(h -> {
                        h.attach(AppLoadDao.class).wakeRequested(appId, routerId, waiting);
                        EventBus.publish(h, Channels.WAKES, Long.toString(appId));
                    });
                    // The row now holds the wake's count, not the last sample: the next round writes what it
                    // sees even when that equals the sample before (a held client that left at once).
                    written.remove(appId);
                } catch (RuntimeException e) {
                    // The held requests time out with 503; the periodic sample carries the demand on.
                    LOG.warn("Could not ask for a wake of app {}: {}", appId,
                            DatabaseOutage.causedBy(e) ? DatabaseOutage.MESSAGE : e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Router stopping; no wake asked for app {}", appId, e);
        }
    }

    /** One round of samples (called on the wake thread). */
    void report(Map<Long, AppActivity> activity, LongToIntFunction waiting, Supplier<Sleepers> sleepers) {
        Sleepers now = sleepers.get();
        written.keySet().retainAll(now.apps().keySet());
        for (Long appId : now.apps().keySet()) {
            AppActivity a = activity.get(appId);
            Sample s = new Sample(a == null ? 0 : Math.max(0, a.inFlight()), a == null ? 0 : Math.max(0, a.streams()),
                    waiting.applyAsInt(appId), a == null ? 0 : a.lastRequestMillis());
            Sample before = written.get(appId);
            boolean idle = s.inFlight == 0 && s.streams == 0 && s.waiting == 0;
            if (s.equals(before) && idle) {
                continue;
            }
            try {
                jdbi.useHandle(h -> h.attach(AppLoadDao.class).sample(appId, routerId, s.inFlight, s.streams, s.waiting,
                        s.lastRequestMillis == 0 ? null : Instant.ofEpochMilli(s.lastRequestMillis)));
                written.put(appId, s);
            } catch (RuntimeException e) {
                LOG.warn("Could not report the load of app {}: {}", appId,
                        DatabaseOutage.causedBy(e) ? DatabaseOutage.MESSAGE : e.toString());
                return;
            }
        }
    }
}
