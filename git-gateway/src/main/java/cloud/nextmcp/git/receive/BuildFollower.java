package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.builds.LogLine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Follows one build from the database: hands each new log line to the pusher as it is written,
 * sends a keepalive after every {@code keepaliveInterval} of silence, and returns the build once
 * it succeeded or failed (empty when the wait timed out; the build goes on regardless).
 */
public final class BuildFollower {
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final BuildSignals signals;
    private final Duration pollInterval;
    private final Duration keepaliveInterval;
    private final Duration timeout;

    public BuildFollower(Jdbi jdbi, BuildSignals signals, Duration pollInterval, Duration keepaliveInterval,
                         Duration timeout) {
        this.jdbi = jdbi;
        this.signals = signals;
        this.pollInterval = pollInterval;
        this.keepaliveInterval = keepaliveInterval;
        this.timeout = timeout;
    }

    /** Output towards the pusher. */
    public interface Sink {
        void line(String line);

        /** Nothing new for a while: keep the connection alive. {@code waited} is the time since the push began waiting. */
        void keepalive(Duration waited);
    }

    public Optional<Build> follow(Build build, Sink sink) throws InterruptedException {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        LogDao logs = jdbi.onDemand(LogDao.class);
        long start = System.nanoTime();
        long lastOutput = start;
        long afterId = 0;
        try (BuildSignals.Waiter waiter = signals.watch(build.appId(), build.id())) {
            while (true) {
                long sent = drain(logs, build.id(), afterId, sink::line);
                if (sent != afterId) {
                    afterId = sent;
                    lastOutput = System.nanoTime();
                }
                Build now = builds.findById(build.id()).orElseThrow(
                        () -> new IllegalStateException("Build " + build.id() + " disappeared while its push waited"));
                if (now.status().terminal()) {
                    // Lines are written before the build is finished: one more read gets the last of them.
                    drain(logs, build.id(), afterId, sink::line);
                    return Optional.of(now);
                }
                long nowNanos = System.nanoTime();
                if (nowNanos - start >= timeout.toNanos()) {
                    return Optional.empty();
                }
                if (nowNanos - lastOutput >= keepaliveInterval.toNanos()) {
                    sink.keepalive(Duration.ofNanos(nowNanos - start));
                    lastOutput = nowNanos;
                }
                long untilKeepalive = keepaliveInterval.toNanos() - (System.nanoTime() - lastOutput);
                waiter.await(Duration.ofNanos(Math.max(1_000_000, Math.min(pollInterval.toNanos(), untilKeepalive))));
            }
        }
    }

    /** Sends every line after {@code afterId}; returns the id of the last line sent. */
    private static long drain(LogDao logs, long buildId, long afterId, Consumer<String> out) {
        long last = afterId;
        List<LogLine> batch;
        do {
            batch = logs.buildLinesAfter(buildId, last, BATCH);
            for (LogLine l : batch) {
                out.accept(l.line());
                last = l.id();
            }
        } while (batch.size() == BATCH);
        return last;
    }
}
