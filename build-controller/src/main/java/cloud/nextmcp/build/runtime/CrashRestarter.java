package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.runtime.InstanceLauncher.Launch;
import cloud.nextmcp.core.instances.InstanceState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts a crashed instance of one app again: marked crashed at once, a new process after the back-off,
 * healthy again once it passes its health check (or killed, which counts as the next crash). Steps that
 * change the instance run on the app's serial executor; the waits run off it.
 */
final class CrashRestarter {
    private final long appId;
    private final RestartBackoff backoff;
    private final InstanceStarter starter;
    private final Readiness readiness;
    private final InstanceTable table;
    private final SerialExecutor serial;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final AppLog log;

    CrashRestarter(long appId, RestartBackoff backoff, InstanceStarter starter, Readiness readiness, InstanceTable table,
                   SerialExecutor serial, ExecutorService workers, ScheduledExecutorService timers, AppLog log) {
        this.appId = appId;
        this.backoff = backoff;
        this.starter = starter;
        this.readiness = readiness;
        this.table = table;
        this.serial = serial;
        this.workers = workers;
        this.timers = timers;
        this.log = log;
    }

    /**
     * The instance's process exited on its own while the instance was wanted. Call on the serial executor.
     * {@code watch} is given the instance again once its new process runs.
     */
    void crashed(Instance instance, int status, Launch launch, Consumer<Instance> watch) {
        instance.crashesInARow = backoff.crashesInARow(instance.crashesInARow,
                Duration.between(instance.startedAt, Instant.now()));
        instance.phase = Instance.Phase.CRASHED;
        Duration delay = backoff.delay(instance.crashesInARow);
        table.state(appId, instance.id, InstanceState.CRASHED);
        log.platform(instance.name() + " " + instance.process.describeExit(status) + "; restarting in " + delay.toMillis() + " ms");
        timers.schedule(() -> serial.execute(() -> restart(instance, launch, watch)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Instance instance, Launch launch, Consumer<Instance> watch) {
        if (instance.phase != Instance.Phase.CRASHED) {
            return;
        }
        InstanceProcess process;
        try {
            process = starter.restart(instance, launch);
        } catch (IOException e) {
            log.platform("Could not restart " + instance.name() + ": " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        watch.accept(instance);
        Instant since = Instant.now();
        workers.execute(() -> {
            try {
                HealthCheck.Result result = readiness.await(process, launch, since);
                serial.execute(() -> afterRestart(instance, process, result));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void afterRestart(Instance instance, InstanceProcess process, HealthCheck.Result result) {
        if (instance.retired() || instance.process != process) {
            return;
        }
        if (result.healthy()) {
            table.state(appId, instance.id, InstanceState.HEALTHY);
            log.platform(instance.name() + " is up again");
        } else if (process.alive()) {
            // Its exit counts as a crash: the next restart comes after a longer backoff.
            log.platform(result.reason() + "; killing it");
            process.kill();
        }
    }
}
