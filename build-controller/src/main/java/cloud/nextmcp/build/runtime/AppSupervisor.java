package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.autoscale.AutoscaleStates;
import cloud.nextmcp.build.artifacts.ArtifactStore;
import cloud.nextmcp.build.runtime.InstanceLauncher.Launch;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Formation;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one app's processes as its desired state says (release, formation, restart request): decides
 * between a rollout, a scale and nothing, and hands crashes to its {@link CrashRestarter}. Everything
 * that changes the app's processes runs on the app's own serial executor, so a rollout, a scale and a
 * crash restart never interleave; draining and stopping old instances happens off it.
 */
final class AppSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(AppSupervisor.class);

    /** The release that runs and its instances. */
    private record Deployment(Launch launch, List<Instance> instances) {
    }

    /** What a supervisor reads, starts and stops with; one set per runtime. */
    record Collaborators(DesiredStates desired, ArtifactStore artifacts, ConfigVars configVars, Rollout rollout,
                         Retirement retirement, ReleaseSwitch releaseSwitch, InstanceTable table,
                         PublicEndpoints endpoints, AutoscaleStates autoscale) {
    }

    private final long appId;
    private final Collaborators with;
    private final SerialExecutor serial;
    private final CrashRestarter restarter;
    private final AppLog log;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    /** Every process this supervisor started and has not seen stop, for {@link #close()}. */
    private final Set<InstanceProcess> processes = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Deployment current;
    private Instant handledRestart;

    AppSupervisor(long appId, Collaborators with, SerialExecutor serial, CrashRestarter restarter, AppLog log) {
        this.appId = appId;
        this.with = with;
        this.serial = serial;
        this.restarter = restarter;
        this.log = log;
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
            Optional<DesiredStates.Desired> desired = with.desired().of(appId);
            if (desired.isEmpty()) {
                if (current != null) {
                    LOG.info("App {} has nothing to run any more (deleted, or no release); stopping its instances", appId);
                    with.retirement().drainAndStop(appId, current.instances());
                    current = null;
                }
                return;
            }
            Release release = desired.get().release();
            Formation formation = desired.get().formation();
            boolean restartAsked = current != null && formation.restartRequestedAt() != null
                    && !formation.restartRequestedAt().equals(handledRestart);
            if (current == null || current.launch().version() != release.version() || restartAsked) {
                rollout(desired.get(), restartAsked);
            } else {
                scale(formation.quantity());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            DatabaseOutage.logFailure(LOG, "Reconciling app " + appId + " failed; the next reconcile retries", e);
        }
    }

    /** Starts the release's instances, waits until all are healthy, switches the route, then retires the old ones. */
    private void rollout(DesiredStates.Desired desired, boolean restart) throws InterruptedException {
        Release release = desired.release();
        String label = release.label();
        Optional<Artifact> artifact = with.artifacts().find(release.artifactDigest());
        if (artifact.isEmpty()) {
            settleFailed(release, "the artifact of " + label + " is no longer stored; push again to rebuild it");
            return;
        }
        Integer memoryMb = desired.memoryLimitMb();
        Launch launch = new Launch(appId, desired.app().name(), release.version(), artifact.get(),
                with.configVars().openSnapshot(appId, release.configSealed()), memoryMb);
        int quantity = desired.formation().quantity();
        if (quantity == 0 && release.status() == ReleaseStatus.PENDING) {
            // An app asleep (autoscaled to zero) still proves a new release healthy before it goes live; it sleeps after.
            quantity = 1;
        }
        log.platform((restart ? "Restarting " : "Starting ") + label + " (web × " + quantity
                + (memoryMb == null ? "" : ", plan memory " + memoryMb + " MiB per instance") + ")");
        List<Integer> indexes = new ArrayList<>();
        for (int index = 1; index <= quantity; index++) {
            indexes.add(index);
        }
        Rollout.Result result = with.rollout().bringUp(launch, indexes, this::watch, log);
        if (result instanceof Rollout.Failed failed) {
            settleFailed(release, failed.reason());
            return;
        }
        List<Instance> started = ((Rollout.Healthy) result).instances();
        if (!with.releaseSwitch().goLive(appId, release.version())) {
            log.platform(label + " was given up on before it became healthy; stopping it");
            with.retirement().now(appId, started);
            return;
        }
        Deployment previous = current;
        current = new Deployment(launch, new ArrayList<>(started));
        handledRestart = desired.formation().restartRequestedAt();
        log.platform(label + " is live at " + with.endpoints().appUrl(desired.app().name()));
        if (previous != null) {
            with.retirement().drainAndStop(appId, previous.instances());
        }
        if (quantity != desired.formation().quantity()) {
            requestReconcile();
        }
    }

    private void settleFailed(Release release, String reason) {
        if (release.status() == ReleaseStatus.PENDING) {
            log.platform(release.label() + " failed: " + reason);
            with.releaseSwitch().fail(appId, release.version(), reason);
        } else {
            log.platform("Could not start " + release.label() + ": " + reason + "; the next reconcile tries again");
        }
    }

    /** Adds or retires instances of the running release to match the formation, one new instance at a time. */
    private void scale(int quantity) throws InterruptedException {
        List<Instance> running = current.instances();
        if (running.size() == quantity) {
            return;
        }
        boolean waking = running.isEmpty();
        log.platform((waking ? "Waking: starting web × " : "Scaling web to ") + quantity);
        if (running.size() > quantity) {
            List<Instance> extra = new ArrayList<>(running.subList(quantity, running.size()));
            running.removeAll(extra);
            with.retirement().drainAndStop(appId, extra);
            return;
        }
        Set<Integer> used = new TreeSet<>();
        running.forEach(i -> used.add(i.index));
        for (int index = 1; running.size() < quantity; index++) {
            if (used.contains(index)) {
                continue;
            }
            Rollout.Result result = with.rollout().bringUp(current.launch(), List.of(index), this::watch, log);
            if (result instanceof Rollout.Failed failed) {
                if (waking && with.autoscale().wakeFailed(appId, failed.reason())) {
                    log.platform("Wake failed: " + failed.reason() + "; the requests held for it were answered 503");
                } else {
                    log.platform("Scaling failed: " + failed.reason());
                }
                return;
            }
            running.addAll(((Rollout.Healthy) result).instances());
            running.sort((a, b) -> Integer.compare(a.index, b.index));
        }
    }

    /** Hands the instance's exit, if it was not asked for, to the restarter. */
    private void watch(Instance instance) {
        InstanceProcess process = instance.process;
        processes.add(process);
        process.onExit().whenComplete((status, error) -> {
            processes.remove(process);
            serial.execute(() -> exited(instance, process, status == null ? -1 : status));
        });
    }

    private void exited(Instance instance, InstanceProcess process, int status) {
        if (closed || instance.retired() || instance.process != process || current == null
                || !current.instances().contains(instance)) {
            return;
        }
        restarter.crashed(instance, status, current.launch(), this::watch);
    }

    /** Stops every process of the app now (the platform shuts down); their rows go with them. */
    void close() {
        closed = true;
        Deployment deployment = current;
        if (deployment != null) {
            deployment.instances().forEach(i -> i.phase = Instance.Phase.RETIRED);
        }
        for (InstanceProcess process : processes) {
            process.kill();
        }
        with.table().removeAll(appId);
    }
}
