package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.instances.InstanceState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes instances out of service for good, gracefully when they served and at once when they never did. */
final class Retirement {
    private static final Logger LOG = LoggerFactory.getLogger(Retirement.class);

    private final InstanceTable table;
    private final Duration drain;
    private final Duration stopGrace;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;

    Retirement(InstanceTable table, Duration drain, Duration stopGrace, ExecutorService workers,
               ScheduledExecutorService timers) {
        this.table = table;
        this.drain = drain;
        this.stopGrace = stopGrace;
        this.workers = workers;
        this.timers = timers;
    }

    /**
     * 'draining' at once (routers stop sending new requests), then after the drain period SIGTERM,
     * SIGKILL after the grace period, and the rows go. Returns at once.
     */
    void drainAndStop(long appId, List<Instance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        instances.forEach(i -> i.phase = Instance.Phase.RETIRED);
        table.states(appId, ids(instances), InstanceState.DRAINING);
        timers.schedule(() -> workers.execute(() -> stop(appId, instances)), drain.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For instances that never served: no drain, no grace. */
    void now(long appId, List<Instance> instances) {
        instances.forEach(i -> i.phase = Instance.Phase.RETIRED);
        instances.forEach(i -> i.process.kill());
        table.remove(appId, ids(instances));
    }

    private void stop(long appId, List<Instance> instances) {
        for (Instance instance : instances) {
            try {
                instance.process.stop(stopGrace);
            } catch (InterruptedException e) {
                instance.process.kill();
                Thread.currentThread().interrupt();
            }
        }
        table.remove(appId, ids(instances));
        LOG.info("App {}: stopped {}", appId, ids(instances));
    }

    static List<String> ids(List<Instance> instances) {
        return instances.stream().map(i -> i.id).toList();
    }
}
