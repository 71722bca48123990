package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.Releases;
import org.jdbi.v3.core.Jdbi;

/** Settles a rollout: the release goes live with its route switched, or is marked failed. */
public final class ReleaseSwitch {
    private final Jdbi jdbi;

    public ReleaseSwitch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Marks the release live (unless it already is) and points the app's production route (and its verified custom domains) at it,
     * in one transaction. Returns false when the release is neither pending nor live any more
     * (a deployer gave up on it), in which case nothing changed.
     */
    public boolean goLive(long appId, int version) {
        return jdbi.inTransaction(h -> {
            ReleaseDao releases = h.attach(ReleaseDao.class);
            boolean alreadyLive = releases.live(appId).map(r -> r.version() == version).orElse(false);
            if (!alreadyLive && releases.markLive(appId, version) == 0) {
                return false;
            }
            h.createUpdate("UPDATE routes SET release_version = :version, updated_at = now() "
                            + "WHERE app_id = :appId AND kind IN ('production', 'preview', 'custom')")
                    .bind("appId", appId).bind("version", version).execute();
            EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
            EventBus.publish(h, Releases.RELEASES_CHANNEL, Long.toString(appId));
            return true;
        });
    }

    /** Marks a pending release failed with a reason the pusher sees. */
    public void fail(long appId, int version, String error) {
        jdbi.useTransaction(h -> {
            h.attach(ReleaseDao.class).markFailed(appId, version, error);
            EventBus.publish(h, Releases.RELEASES_CHANNEL, Long.toString(appId));
        });
    }
}
