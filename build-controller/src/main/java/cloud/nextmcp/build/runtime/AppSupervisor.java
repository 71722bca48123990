package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.runtime.InstanceLauncher.Launch;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.releases.Formation;
import cloud.nextmcp.core.releases.FormationDao;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.ReleaseStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one app's processes as its desired state says (release, formation, restart request).
 * Everything that changes the app's processes runs on the app's own serial executor, so a
 * rollout, a scale and a crash restart never interleave; waiting for old instances to drain and
 * stop happens off it, so the next rollout need not wait for that.
 */
final class AppSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(AppSupervisor.class);

    /** The release that runs and its instances. */
    private record Deployment(Launch launch, List<Instance> instances) {
    }

    private final long appId;
    private final RuntimeParts parts;
    private final SerialExecutor serial;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    /** Every process this supervisor started and has not seen stop, for {@link #close()}. */
    private final Set<InstanceProcess> processes = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Deployment current;
    private Instant handledRestart;

    AppSupervisor(long appId, RuntimeParts parts) {
        this.appId = appId;
        this.parts = parts;
        this.serial = new SerialExecutor(parts.workers());
    }

    /** Asks for a reconcile; requests that arrive while one is queued are folded into it. */
    void requestReconcile() {
        if (!closed && reconcileQueued.compareAndSet(false, true)) {
            serial.execute(this::reconcile);
        }
    }

    private void reconcile() {
        reconcileQueued.set(false);
        if (closed) {
            return;
        }
        try {
            Optional<App> app = parts.jdbi().withExtension(AppDao.class, d -> d.findById(appId));
            Optional<Release> desired = parts.jdbi().withExtension(ReleaseDao.class, d -> d.desired(appId));
            if (app.isEmpty() || desired.isEmpty()) {
                if (current != null) {
                    LOG.info("App {} has nothing to run any more ({}); stopping its instances", appId,
                            app.isEmpty() ? "deleted" : "no release");
                    retire(current.instances());
                    current = null;
                }
                return;
            }
            Formation formation = parts.jdbi().withExtension(FormationDao.class, d -> d.web(appId));
            Release release = desired.get();
            boolean restartAsked = current != null && formation.restartRequestedAt() != null
                    && !formation.restartRequestedAt().equals(handledRestart);
            if (current == null || current.launch().version() != release.version() || restartAsked) {
                rollout(app.get(), release, formation, restartAsked);
            } else {
                scale(formation.quantity());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Reconciling app {} failed; the next reconcile retries", appId, e);
        }
    }

    /** Starts the release's instances, waits until all are healthy, switches the route, then retires the old ones. */
    private void rollout(App app, Release release, Formation formation, boolean restart) throws InterruptedException {
        String label = release.label();
        Optional<Artifact> artifact = parts.artifacts().find(release.artifactDigest());
        if (artifact.isEmpty()) {
            settleFailed(release, "the artifact of " + label + " is no longer stored; push again to rebuild it");
            return;
        }
        Integer memoryMb = parts.jdbi().withHandle(h -> parts.entitlements().memoryMbPerInstance(h, appId)).orElse(null);
        Launch launch = new Launch(appId, app.name(), release.version(), artifact.get(),
                parts.configVars().openSnapshot(appId, release.configSealed()), memoryMb);
        int quantity = formation.quantity();
        platform((restart ? "Restarting " : "Starting ") + label + " (web × " + quantity
                + (memoryMb == null ? "" : ", plan memory " + memoryMb + " MiB per instance") + ")");
        List<Instance> started = new ArrayList<>();
        String failure;
        try {
            for (int index = 1; index <= quantity; index++) {
                started.add(startInstance(launch, index));
            }
            failure = awaitHealthy(launch, started);
        } catch (IOException e) {
            failure = "could not start web: " + e.getMessage();
        } catch (InterruptedException e) {
            retireNow(started);
            throw e;
        }
        if (failure != null) {
            retireNow(started);
            settleFailed(release, failure);
            return;
        }
        parts.table().states(appId, ids(started), "healthy");
        if (!parts.releaseSwitch().goLive(appId, release.version())) {
            platform(label + " was given up on before it became healthy; stopping it");
            retireNow(started);
            return;
        }
        Deployment previous = current;
        current = new Deployment(launch, new ArrayList<>(started));
        handledRestart = formation.restartRequestedAt();
        platform(label + " is live at " + parts.endpoints().appUrl(app.name()));
        if (previous != null) {
            retire(previous.instances());
        }
    }

    /** Null when every instance became healthy, else why not. */
    private String awaitHealthy(Launch launch, List<Instance> instances) throws InterruptedException {
        Instant since = Instant.now();
        for (Instance instance : instances) {
            HealthCheck.Result result = parts.health().await(instance.process, launch.artifact().healthPath(), since,
                    parts.config().healthTimeout());
            if (!result.healthy()) {
                return result.reason();
            }
            platform(instance.name() + " is healthy on port " + instance.process.port() + " after "
                    + Duration.between(since, Instant.now()).toMillis() + " ms");
        }
        return null;
    }

    private void settleFailed(Release release, String reason) {
        if (release.status() == ReleaseStatus.PENDING) {
            platform(release.label() + " failed: " + reason);
            parts.releaseSwitch().fail(appId, release.version(), reason);
        } else {
            platform("Could not start " + release.label() + ": " + reason + "; the next reconcile tries again");
        }
    }

    /** Adds or retires instances of the running release to match the formation. */
    private void scale(int quantity) throws InterruptedException {
        List<Instance> running = current.instances();
        if (running.size() > quantity) {
            List<Instance> extra = new ArrayList<>(running.subList(quantity, running.size()));
            running.removeAll(extra);
            platform("Scaling web to " + quantity);
            retire(extra);
            return;
        }
        if (running.size() == quantity) {
            return;
        }
        platform("Scaling web to " + quantity);
        Set<Integer> used = new TreeSet<>();
        running.forEach(i -> used.add(i.index));
        for (int index = 1; running.size() < quantity; index++) {
            if (used.contains(index)) {
                continue;
            }
            Instance instance;
            try {
                instance = startInstance(current.launch(), index);
            } catch (IOException e) {
                platform("Could not start web." + index + ": " + e.getMessage());
                return;
            }
            String failure = awaitHealthy(current.launch(), List.of(instance));
            if (failure != null) {
                platform("Scaling failed: " + failure);
                retireNow(List.of(instance));
                return;
            }
            parts.table().state(appId, instance.id, "healthy");
            running.add(instance);
            running.sort((a, b) -> Integer.compare(a.index, b.index));
        }
    }

    private Instance startInstance(Launch launch, int index) throws IOException, InterruptedException {
        String name = "web." + index;
        InstanceProcess process = parts.launcher().start(launch, name);
        Instance instance = new Instance(appId + "-v" + launch.version() + "-" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8), index, process);
        parts.table().starting(instance.id, appId, launch.version(), process.port(), process.pid());
        watch(instance, process);
        return instance;
    }

    private void watch(Instance instance, InstanceProcess process) {
        processes.add(process);
        process.onExit().whenComplete((status, error) -> {
            processes.remove(process);
            serial.execute(() -> onExit(instance, process, status == null ? -1 : status));
        });
    }

    /** A running instance exited on its own: mark it crashed and start it again after a backoff. */
    private void onExit(Instance instance, InstanceProcess process, int status) {
        if (closed || instance.retired || instance.process != process || current == null
                || !current.instances().contains(instance)) {
            return;
        }
        Duration ran = Duration.between(instance.startedAt, Instant.now());
        if (ran.compareTo(parts.config().restartBackoffMax()) > 0) {
            instance.consecutiveCrashes = 0;
        }
        instance.consecutiveCrashes++;
        Duration delay = backoff(instance.consecutiveCrashes);
        parts.table().state(appId, instance.id, "crashed");
        platform(instance.name() + " exited with status " + status + "; restarting in " + delay.toMillis() + " ms");
        parts.timers().schedule(() -> serial.execute(() -> restart(instance)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration backoff(int crashes) {
        Duration delay = parts.config().restartBackoff().multipliedBy(1L << Math.min(crashes - 1, 20));
        return delay.compareTo(parts.config().restartBackoffMax()) > 0 ? parts.config().restartBackoffMax() : delay;
    }

    private void restart(Instance instance) {
        if (closed || instance.retired || current == null || !current.instances().contains(instance)) {
            return;
        }
        Launch launch = current.launch();
        InstanceProcess process;
        try {
            process = parts.launcher().start(launch, instance.name());
        } catch (IOException e) {
            platform("Could not restart " + instance.name() + ": " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        instance.process = process;
        instance.startedAt = Instant.now();
        parts.table().restarting(instance.id, process.port(), process.pid());
        watch(instance, process);
        Instant since = Instant.now();
        parts.workers().execute(() -> {
            try {
                HealthCheck.Result result = parts.health().await(process, launch.artifact().healthPath(), since,
                        parts.config().healthTimeout());
                serial.execute(() -> afterRestart(instance, process, result));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void afterRestart(Instance instance, InstanceProcess process, HealthCheck.Result result) {
        if (closed || instance.retired || instance.process != process) {
            return;
        }
        if (result.healthy()) {
            parts.table().state(appId, instance.id, "healthy");
            platform(instance.name() + " is up again");
        } else if (process.alive()) {
            // Its exit counts as a crash: the next restart comes after a longer backoff.
            platform(result.reason() + "; killing it");
            process.kill();
        }
    }

    /**
     * Takes instances out of service: 'draining' at once (routers stop sending new requests), then
     * after the drain period SIGTERM, SIGKILL after the grace period, and the rows go.
     */
    private void retire(List<Instance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        instances.forEach(i -> i.retired = true);
        parts.table().states(appId, ids(instances), "draining");
        parts.timers().schedule(() -> parts.workers().execute(() -> stop(instances, parts.config().stopGrace())),
                parts.config().drain().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For instances that never served: no drain, no grace. */
    private void retireNow(List<Instance> instances) {
        instances.forEach(i -> i.retired = true);
        instances.forEach(i -> i.process.kill());
        parts.table().remove(appId, ids(instances));
    }

    private void stop(List<Instance> instances, Duration grace) {
        for (Instance instance : instances) {
            try {
                instance.process.stop(grace);
            } catch (InterruptedException e) {
                instance.process.kill();
                Thread.currentThread().interrupt();
            }
        }
        parts.table().remove(appId, ids(instances));
        LOG.info("App {}: stopped {}", appId, ids(instances));
    }

    /** Stops every process of the app now (the platform shuts down); their rows go with them. */
    void close() {
        closed = true;
        for (InstanceProcess process : processes) {
            process.kill();
        }
        parts.jdbi().useHandle(h -> h.createUpdate("DELETE FROM instances WHERE app_id = :appId AND node = :node")
                .bind("appId", appId).bind("node", parts.config().node()).execute());
    }

    private void platform(String message) {
        LOG.info("App {}: {}", appId, message);
        parts.logs().append(appId, "platform", message);
    }

    private static List<String> ids(List<Instance> instances) {
        return instances.stream().map(i -> i.id).toList();
    }
}
