package cloud.nextmcp.build.releases;

import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.Releases;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Waits for a release to settle (live, failed or superseded), woken by NOTIFY
 * {@value Releases#RELEASES_CHANNEL} from whichever runtime rolled it out. The release row is
 * re-read on every wake-up, and at least every {@link #RECHECK} in case a notification was lost.
 */
final class ReleaseWaiter {
    static final Duration RECHECK = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    /** One monitor per app with a waiting deploy; notified when its releases change. */
    private final ConcurrentMap<Long, Object> monitors = new ConcurrentHashMap<>();

    ReleaseWaiter(Jdbi jdbi, EventBus events) {
        this.jdbi = jdbi;
        events.subscribe(Releases.RELEASES_CHANNEL, new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                try {
                    wake(Long.parseLong(payload.strip()));
                } catch (NumberFormatException e) {
                    // Not an app id: nothing waits for it.
                }
            }

            @Override
            public void resync() {
                monitors.keySet().forEach(ReleaseWaiter.this::wake);
            }
        });
    }

    /** The settled release, or empty when {@code timeout} passed first. */
    Optional<Release> awaitSettled(long appId, int version, Duration timeout) throws InterruptedException {
        Object monitor = monitors.computeIfAbsent(appId, id -> new Object());
        Instant deadline = Instant.now().plus(timeout);
        synchronized (monitor) {
            while (true) {
                Release release = jdbi.withExtension(ReleaseDao.class, d -> d.find(appId, version))
                        .orElseThrow(() -> new IllegalStateException("Release v" + version + " of app " + appId + " vanished"));
                if (release.status().settled()) {
                    return Optional.of(release);
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                monitor.wait(Math.min(left, RECHECK.toMillis()));
            }
        }
    }

    private void wake(long appId) {
        Object monitor = monitors.get(appId);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
