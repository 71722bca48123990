package cloud.nextmcp.build.builds;

import cloud.nextmcp.core.builds.BuildDao;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a claimed build's lease alive while this worker builds it. When a renewal finds the lease
 * gone (another worker took the build), or the builder is closing, the running step is stopped.
 */
public final class BuildLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildLease.class);
    private final long buildId;
    private final String worker;
    private final BuildDao builds;
    private final int leaseSeconds;
    private final ScheduledFuture<?> renewal;
    private volatile String cancelled;
    private volatile Process current;

    BuildLease(long buildId, String worker, BuildDao builds, int leaseSeconds, ScheduledExecutorService scheduler) {
        this.buildId = buildId;
        this.worker = worker;
        this.builds = builds;
        this.leaseSeconds = leaseSeconds;
        long period = Math.max(1, leaseSeconds * 1000L / 3);
        this.renewal = scheduler.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            if (builds.renewLease(buildId, worker, leaseSeconds) == 0) {
                LOG.warn("Build {}: lease lost by {}; stopping it here", buildId, worker);
                cancel("another builder took this build over");
            }
        } catch (RuntimeException e) {
            // The database may be back before the lease runs out: keep trying, the next renewal decides.
            LOG.warn("Build {}: could not renew the lease: {}", buildId, e.getMessage());
        }
    }

    void cancel(String reason) {
        cancelled = reason;
        Process p = current;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Registers the step now running, so a cancel stops it. */
    void running(Process process) throws BuildCancelled {
        current = process;
        String reason = cancelled;
        if (reason != null) {
            process.destroyForcibly();
            throw new BuildCancelled(reason);
        }
    }

    public void checkNotCancelled() throws BuildCancelled {
        String reason = cancelled;
        if (reason != null) {
            throw new BuildCancelled(reason);
        }
    }

    public boolean isCancelled() {
        return cancelled != null;
    }

    @Override
    public void close() {
        renewal.cancel(false);
        current = null;
    }
}
