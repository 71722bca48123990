package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.runtime.InstanceLauncher.Launch;
import cloud.nextmcp.core.instances.InstanceState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Brings up instances of a launch and reports whether all of them became healthy. On success they are
 * marked healthy (routers may use them once the route points at their release); on failure or
 * interruption none of them is left running.
 */
final class Rollout {
    /** How bringing up instances ended. */
    sealed interface Result permits Healthy, Failed {
    }

    /** Every instance passed its health check. */
    record Healthy(List<Instance> instances) implements Result {
    }

    /** Why not; the instances are gone. */
    record Failed(String reason) implements Result {
    }

    private final InstanceStarter starter;
    private final Readiness readiness;
    private final InstanceTable table;
    private final Retirement retirement;

    Rollout(InstanceStarter starter, Readiness readiness, InstanceTable table, Retirement retirement) {
        this.starter = starter;
        this.readiness = readiness;
        this.table = table;
        this.retirement = retirement;
    }

    /** Starts one instance per index; {@code started} sees each as soon as its process runs (to watch for exits). */
    Result bringUp(Launch launch, List<Integer> indexes, Consumer<Instance> started, AppLog log) throws InterruptedException {
        List<Instance> instances = new ArrayList<>();
        String failure;
        try {
            for (int index : indexes) {
                Instance instance = starter.start(launch, index);
                instances.add(instance);
                started.accept(instance);
            }
            failure = awaitHealthy(launch, instances, log);
        } catch (IOException e) {
            failure = "could not start web." + indexes.get(instances.size()) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            retirement.now(launch.appId(), instances);
            throw e;
        }
        if (failure != null) {
            retirement.now(launch.appId(), instances);
            return new Failed(failure);
        }
        table.states(launch.appId(), Retirement.ids(instances), InstanceState.HEALTHY);
        return new Healthy(instances);
    }

    /** Null when every instance became healthy, else why not. */
    private String awaitHealthy(Launch launch, List<Instance> instances, AppLog log) throws InterruptedException {
        Instant since = Instant.now();
        for (Instance instance : instances) {
            HealthCheck.Result result = readiness.await(instance.process, launch, since);
            if (!result.healthy()) {
                return result.reason();
            }
            log.platform(instance.name() + " is healthy on port " + instance.process.port() + " after "
                    + Duration.between(since, Instant.now()).toMillis() + " ms");
        }
        return null;
    }
}
