package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.ArtifactStore;
import cloud.nextmcp.build.autoscale.AutoscaleStates;
import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.build.sandbox.MemoryCgroups;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.instances.InstanceRow;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.secrets.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs apps as sandboxed processes on this host and keeps them as the database says: the newest
 * pending-or-live release of each app, with its formation's number of web instances. It
 * reconciles on NOTIFY {@code apps} (payload: app id), after the event bus reconnects, every
 * {@link RuntimeConfig#reconcileInterval()} and at {@link #start()}, which first clears what a
 * killed platform left behind and then brings every app back.
 */
public final class LocalRuntime implements AppRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    /** A leftover row's process is only killed when it started this close to the row, so a reused pid is left alone. */
    private static final Duration SAME_PROCESS = Duration.ofSeconds(10);

    private final RuntimeConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final AppSupervisor.Collaborators collaborators;
    private final InstanceStarter starter;
    private final Readiness readiness;
    private final InstanceTable table;
    private final Map<Long, AppSupervisor> supervisors = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final LogWriter logs;
    private final ProcessSpawner spawner = new ProcessSpawner();
    private volatile boolean running;
    /** Closed with the runtime: a runtime lives one leadership term, the event bus the whole process. */
    private EventBus.Subscription appChanges;

    public LocalRuntime(RuntimeConfig config, Jdbi jdbi, EventBus events, DataDirectory dataDirectory, Sandbox sandbox,
                        ArtifactStore artifacts, SecretBox secrets, PublicEndpoints endpoints, Entitlements entitlements) {
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.table = new InstanceTable(jdbi, config.node());
        this.logs = new LogWriter(jdbi, 10_000);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "runtime-" + threads.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "runtime-timer"));
        MemoryCgroups memory = MemoryCgroups.detect();
        if (!memory.available()) {
            LOG.warn("Plans' memory per instance is not enforced on this host: {}", memory.unavailableBecause());
        }
        this.starter = new InstanceStarter(new InstanceLauncher(sandbox, dataDirectory, logs, spawner, memory), table);
        this.readiness = new Readiness(new HealthCheck(config.healthPoll()), config.healthTimeout());
        Retirement retirement = new Retirement(table, config.drain(), config.stopGrace(), workers, timers);
        this.collaborators = new AppSupervisor.Collaborators(new DesiredStates(jdbi, entitlements), artifacts, new ConfigVars(secrets),
                new Rollout(starter, readiness, table, retirement), retirement, new ReleaseSwitch(jdbi), table, endpoints,
                new AutoscaleStates(jdbi));
        if (!sandbox.confining()) {
            LOG.warn("Apps run as plain child processes: they can see the platform's data directory");
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        clearLeftovers();
        appChanges = events.subscribe(Channels.APPS, new AppChanges(this::reconcile, this::reconcileAll));
        long every = config.reconcileInterval().toMillis();
        timers.scheduleWithFixedDelay(this::reconcileAll, every, every, TimeUnit.MILLISECONDS);
        reconcileAll();
    }

    @Override
    public void reconcile(long appId) {
        if (running) {
            supervisors.computeIfAbsent(appId, this::supervisor).requestReconcile();
        }
    }

    private AppSupervisor supervisor(long appId) {
        SerialExecutor serial = new SerialExecutor(workers);
        AppLog log = new AppLog(appId, logs);
        CrashRestarter restarter = new CrashRestarter(appId, new RestartBackoff(config.restartBackoff(),
                config.restartBackoffMax()), starter, readiness, table, serial, workers, timers, log);
        return new AppSupervisor(appId, collaborators, serial, restarter, log);
    }

    private void reconcileAll() {
        try {
            Set<Long> apps = new TreeSet<>(jdbi.withExtension(ReleaseDao.class, ReleaseDao::appsWithDesiredRelease));
            apps.addAll(supervisors.keySet());
            apps.forEach(this::reconcile);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Could not read which apps to run: {}; retrying in {}", DatabaseOutage.MESSAGE,
                        config.reconcileInterval());
            } else {
                LOG.error("Could not read which apps to run; retrying in {}", config.reconcileInterval(), e);
            }
        }
    }

    /**
     * Instance rows of this node from a run that did not shut down cleanly. Under bubblewrap their
     * processes died with the platform; plain child processes may still run and hold their ports.
     */
    private void clearLeftovers() {
        Set<Long> apps = new TreeSet<>();
        for (InstanceRow row : table.leftovers()) {
            apps.add(row.appId());
            Optional.ofNullable(row.pid()).flatMap(ProcessHandle::of)
                    .filter(p -> p.info().startInstant().map(t -> closeTo(t, row.startedAt())).orElse(false))
                    .ifPresent(p -> {
                        LOG.info("Killing process {} of instance {} left by an earlier run", p.pid(), row.id());
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    });
            table.remove(row.appId(), List.of(row.id()));
        }
        if (!apps.isEmpty()) {
            LOG.info("Cleared instances of apps {} left by an earlier run", apps);
        }
    }

    private static boolean closeTo(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(SAME_PROCESS) < 0;
    }

    /** Stops every instance; their rows are removed, the routes stay so the apps come back at the next start. */
    @Override
    public synchronized void close() {
        running = false;
        if (appChanges != null) {
            appChanges.close();
        }
        timers.shutdownNow();
        workers.shutdownNow();
        supervisors.values().forEach(AppSupervisor::close);
        supervisors.clear();
        spawner.close();
        logs.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
