package cloud.nextmcp.build.releases;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.builds.BuildLog;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.ReleaseStatus;
import cloud.nextmcp.core.releases.Releases;
import cloud.nextmcp.core.secrets.SecretBox;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys through the database: writes release vN as pending (artifact + config snapshot), which
 * NOTIFYs {@code apps}; the runtime rolls it out and settles the row; this waits for that. So it
 * works the same whichever runtime (local processes or a cluster) serves the app.
 */
public final class ReleaseDeployer implements Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseDeployer.class);

    private final Jdbi jdbi;
    private final Releases releases;
    private final ReleaseWaiter waiter;
    private final Duration timeout;

    /** Subscribes to release notifications right away, so that none is missed between creating a release and waiting. */
    public ReleaseDeployer(RuntimeConfig config, Jdbi jdbi, EventBus events, SecretBox secrets) {
        this.jdbi = jdbi;
        this.releases = new Releases(jdbi, new ConfigVars(secrets));
        this.waiter = new ReleaseWaiter(jdbi, events);
        this.timeout = config.deployTimeout();
    }

    @Override
    public int deploy(App app, Build build, Artifact artifact, BuildLog log) throws DeployException {
        String description = "Deploy " + build.commitSha().substring(0, 7);
        Release release = releases.deploy(app.id(), build.id(), artifact.digest(), description, build.pusherId());
        log.line("-----> Releasing " + release.label() + "...");
        LOG.info("App {} ({}): build {} -> release {}", app.name(), app.id(), build.id(), release.label());
        Optional<Release> settled;
        try {
            settled = waiter.awaitSettled(app.id(), release.version(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(app, release, "the deploy was interrupted (the platform is shutting down)");
            throw new DeployException(release.label() + " was not deployed: the platform is shutting down");
        }
        if (settled.isEmpty()) {
            String reason = release.label() + " did not go live within " + timeout.toSeconds()
                    + " s: is the runtime running? (see `nextmcp logs --source platform`)";
            if (giveUp(app, release, reason)) {
                throw new DeployException(reason);
            }
            settled = jdbi.withExtension(ReleaseDao.class, d -> d.find(app.id(), release.version()));
        }
        Release result = settled.orElseThrow();
        if (result.status() == ReleaseStatus.FAILED) {
            throw new DeployException(release.label() + " failed: " + result.error()
                    + "; the previous release keeps serving");
        }
        if (result.status() == ReleaseStatus.SUPERSEDED) {
            log.line("       " + release.label() + " was deployed; a newer release has replaced it since");
        }
        return release.version();
    }

    /** Marks the release failed unless the runtime settled it at the last moment; true when it was marked. */
    private boolean giveUp(App app, Release release, String reason) {
        boolean marked = jdbi.withExtension(ReleaseDao.class, d -> d.markFailed(app.id(), release.version(), reason)) == 1;
        if (marked) {
            LOG.warn("App {} ({}): gave up on {}: {}", app.name(), app.id(), release.label(), reason);
        }
        return marked;
    }
}
