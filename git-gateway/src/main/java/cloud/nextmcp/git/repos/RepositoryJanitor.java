package cloud.nextmcp.git.repos;

import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.events.EventBus;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes repositories of destroyed apps. The API never touches repositories (roles do not call
 * each other): it NOTIFYs channel {@code apps} with the app id, and this re-reads the app row.
 * A sweep at start and after every reconnect catches destroys whose notification was missed.
 */
public final class RepositoryJanitor implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryJanitor.class);

    private final Jdbi jdbi;
    private final AppRepositories repositories;

    public RepositoryJanitor(Jdbi jdbi, AppRepositories repositories) {
        this.jdbi = jdbi;
        this.repositories = repositories;
    }

    @Override
    public void onNotification(String payload) {
        long appId;
        try {
            appId = Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring apps notification with a payload that is not an app id: '{}'", payload);
            return;
        }
        removeIfGone(appId);
    }

    @Override
    public void resync() {
        sweep();
    }

    /** Removes every repository whose app no longer exists. */
    public void sweep() {
        try {
            for (long appId : repositories.appIdsOnDisk()) {
                removeIfGone(appId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the repositories directory", e);
        }
    }

    private void removeIfGone(long appId) {
        if (jdbi.onDemand(AppDao.class).findById(appId).isPresent()) {
            return;
        }
        try {
            repositories.remove(appId);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the repository of destroyed app id " + appId, e);
        }
    }
}
