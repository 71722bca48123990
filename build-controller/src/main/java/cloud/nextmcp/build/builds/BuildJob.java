package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.images.ImagePushException;
import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.build.releases.Deployer;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed build from commit to live release: build through the {@link BuildBackend} (local buildpacks
 * or kpack), deploy, and record the outcome. The build row ends succeeded or failed unless the
 * build was taken from this worker (lease lost) or the builder is closing.
 */
final class BuildJob {
    private static final Logger LOG = LoggerFactory.getLogger(BuildJob.class);

    private final BuilderConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final Deployer deployer;
    private final BuildBackend backend;
    private final ScheduledExecutorService scheduler;

    BuildJob(BuilderConfig config, Jdbi jdbi, EventBus events, Deployer deployer, BuildBackend backend,
             ScheduledExecutorService scheduler) {
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.deployer = deployer;
        this.backend = backend;
        this.scheduler = scheduler;
    }

    /** Runs the build; {@code onStart} receives the lease so the worker can cancel it on close. */
    void run(Build build, String worker, Consumer<BuildLease> onStart) {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        Optional<App> app = jdbi.onDemand(AppDao.class).findById(build.appId());
        if (app.isEmpty()) {
            finish(build, builds.fail(build.id(), "the app was deleted"));
            return;
        }
        BuildLog log = new DatabaseBuildLog(jdbi, build.appId(), build.id());
        if (build.attempts() > config.maxAttempts()) {
            log.line("-----> The builder stopped " + (build.attempts() - 1) + " times while building this commit");
            finish(build, builds.fail(build.id(), "the builder stopped during this build " + (build.attempts() - 1)
                    + " times; push again"));
            return;
        }
        if (build.attempts() > 1) {
            log.line("-----> Retrying: the builder that had this build stopped (attempt " + build.attempts() + ")");
        }
        WaitingPush push = new WaitingPush(jdbi);
        try (BuildLease lease = new BuildLease(build.id(), worker, builds, config.leaseSeconds(), scheduler)) {
            onStart.accept(lease);
            try {
                push.requireWaiting(build, app.get());
                Artifact artifact = backend.build(app.get(), build, worker, log, lease);
                lease.checkNotCancelled();
                push.requireWaiting(build, app.get());
                int version = deployer.deploy(app.get(), build, artifact, log);
                finish(build, builds.succeed(build.id(), version));
            } catch (BuildCancelled e) {
                LOG.info("Build {} of app {} stopped here: {}", build.id(), app.get().name(), e.getMessage());
                jdbi.onDemand(BuildRecords.class).releaseLease(build.id(), worker);
            } catch (BuildFailure | DeployException | ImagePushException e) {
                if (!lease.isCancelled()) {
                    log.line("-----> Build failed: " + e.getMessage());
                    finish(build, builds.fail(build.id(), e.getMessage()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Build {} of app {} (commit {}) failed in the builder", build.id(), app.get().name(), build.commitSha(), e);
                if (!lease.isCancelled()) {
                    // The exception's text may hold host paths: it stays in the operator's log.
                    log.line("-----> Build failed: internal builder error; the operator's log has details (build " + build.id() + ")");
                    finish(build, builds.fail(build.id(), "internal builder error; the operator's log has details"));
                }
            }
        }
    }

    private void finish(Build build, int updated) {
        if (updated == 0) {
            LOG.warn("Build {} was no longer running when its outcome was recorded", build.id());
        }
        events.publish(Channels.BUILDS, Long.toString(build.id()));
    }
}
