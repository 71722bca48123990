package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import org.jdbi.v3.core.Handle;

/**
 * Queues a build and signals the builders in the caller's transaction: the one way builds enter
 * the queue, for git pushes and GitHub deliveries alike, so both get the same worker, log and rollout.
 */
public final class BuildQueue {
    private BuildQueue() {
    }

    /** {@code pushQuarantine}: the directory of a waiting push's objects, or null when no push waits. */
    public static Build enqueue(Handle h, long appId, String commitSha, String ref, Long pusherId, String pushQuarantine) {
        Build build = h.attach(BuildDao.class).enqueue(appId, commitSha, ref, pusherId, pushQuarantine);
        EventBus.publish(h, Channels.BUILDS, Long.toString(build.id()));
        return build;
    }
}
