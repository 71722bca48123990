package cloud.nextmcp.build.builds;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.PushLockKey;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A build a push waits for may only go live while that push still waits: the push moves the
 * branch when the build succeeds, so a build whose push is gone (the platform was killed, the
 * push gave up) would run code the repository does not show. The push holds the app's push lock
 * (see {@link PushLockKey}) for as long as it waits; this reads pg_locks and never takes it.
 */
final class WaitingPush {
    static final String INTERRUPTED = "the push that started this build was interrupted (the platform restarted); push again";
    private static final Logger LOG = LoggerFactory.getLogger(WaitingPush.class);

    private final Jdbi jdbi;

    WaitingPush(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Fails the build if a push started it and no longer waits for it; builds no push waits for pass. */
    void requireWaiting(Build build, App app) throws BuildFailure {
        if (build.pushQuarantine() == null) {
            return;
        }
        boolean waiting = jdbi.withHandle(h -> PushLockKey.isHeld(h, build.appId())
                && !h.attach(BuildDao.class).laterPushExists(build.appId(), build.id()));
        if (!waiting) {
            LOG.info("Build {} of app {} (id {}) cancelled: the push that started it no longer waits", build.id(), app.name(),
                    app.id());
            throw new BuildFailure(INTERRUPTED);
        }
    }
}
