package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.artifacts.WritableArtifactStore;
import cloud.nextmcp.build.buildpacks.Buildpacks;
import cloud.nextmcp.build.images.ImagePublisher;
import cloud.nextmcp.build.releases.Deployer;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code builder} role: claims queued builds from the {@code builds} table (and running ones
 * whose worker's lease expired) and runs them, {@link BuilderConfig#concurrency()} at a time.
 * Woken by NOTIFY {@code builds}; reads the queue every {@link BuilderConfig#pollSeconds()} too,
 * for missed notifications and expired leases.
 */
public final class BuildWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildWorker.class);

    private final BuilderConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final BuildJob job;
    private final ScheduledExecutorService scheduler;
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<String, BuildLease> active = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** Builds with buildpacks on this machine ({@code builder.kind: local}). */
    public BuildWorker(BuilderConfig config, Jdbi jdbi, EventBus events, DataDirectory data, Sandbox sandbox,
                       WritableArtifactStore artifacts, Deployer deployer) {
        this(config, jdbi, events, deployer, new LocalBuild(config, jdbi, data, sandbox, artifacts, Buildpacks.standard(),
                Optional.ofNullable(config.images())
                        .map(c -> new ImagePublisher(c, data.root().resolve("cache").resolve("images")))));
        if (!sandbox.confining()) {
            LOG.warn("Builds run WITHOUT a sandbox: build scripts can read the platform's data directory");
        }
    }

    /** Builds through {@code backend} (kpack, or local buildpacks). */
    public BuildWorker(BuilderConfig config, Jdbi jdbi, EventBus events, Deployer deployer, BuildBackend backend) {
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "build-lease-renewal");
            t.setDaemon(true);
            return t;
        });
        this.job = new BuildJob(config, jdbi, events, deployer, backend, scheduler);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // Builds this worker held when its process died are taken again now, not when their lease runs out.
        int released = jdbi.onDemand(BuildRecords.class).releaseLeases(config.workerName() + "/");
        if (released > 0) {
            LOG.info("{} build(s) interrupted by the last stop of builder {} will be taken again", released, config.workerName());
        }
        events.subscribe(Channels.BUILDS, new EventBus.Subscriber() {
            @Override
            public void onNotification(String payload) {
                wakeups.release();
            }

            @Override
            public void resync() {
                wakeups.release(config.concurrency());
            }
        });
        for (int i = 1; i <= config.concurrency(); i++) {
            String name = config.workerName() + "/" + i;
            Thread t = new Thread(() -> loop(name), "builder-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        LOG.info("Builder {} started: {} worker(s), lease {} s", config.workerName(), config.concurrency(), config.leaseSeconds());
    }

    private void loop(String worker) {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        while (running) {
            try {
                Optional<Build> claimed = builds.claim(worker, config.leaseSeconds());
                if (claimed.isPresent()) {
                    Build build = claimed.get();
                    LOG.info("Build {} (app {}, commit {}) claimed by {}, attempt {}", build.id(), build.appId(),
                            build.commitSha(), worker, build.attempts());
                    events.publish(Channels.BUILDS, Long.toString(build.id()));
                    try {
                        job.run(build, worker, lease -> active.put(worker, lease));
                    } finally {
                        active.remove(worker);
                    }
                } else {
                    // A permit left over from an earlier notification only costs one more empty claim.
                    wakeups.tryAcquire(config.pollSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("Builder {}: {}; retrying", worker, DatabaseOutage.MESSAGE);
                } else {
                    LOG.error("Builder {}: reading the build queue failed; retrying", worker, e);
                }
                try {
                    wakeups.tryAcquire(config.pollSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops claiming, stops running build steps and hands their builds back to the queue for the next builder. */
    @Override
    public synchronized void close() {
        running = false;
        active.values().forEach(lease -> lease.cancel("the builder is shutting down"));
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        scheduler.shutdownNow();
    }
}
