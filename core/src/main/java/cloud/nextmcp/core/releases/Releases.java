package cloud.nextmcp.core.releases;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changes an app's desired state: each method writes the rows in one transaction and NOTIFYs
 * {@code apps} (payload: the app id) when it commits; the runtime reconciles to the new state.
 * Errors a user can fix are {@link IllegalArgumentException}s with a message to show.
 */
public final class Releases {
    /** Published by the runtime when a release settled (live or failed); payload: the app id. */
    public static final String RELEASES_CHANNEL = "releases";

    private final Jdbi jdbi;
    private final ConfigVars configVars;
    private final ConfigChanges changes;

    public Releases(Jdbi jdbi, ConfigVars configVars) {
        this.jdbi = jdbi;
        this.configVars = configVars;
        this.changes = new ConfigChanges(configVars);
    }

    /** The app's config vars in clear, sorted by key. */
    public Map<String, String> config(long appId) {
        return jdbi.withHandle(h -> configVars.open(h.attach(ConfigVarDao.class).list(appId)));
    }

    /** A new pending release of a freshly built artifact with the current config vars. */
    public Release deploy(long appId, Long buildId, String artifactDigest, String description, Long createdBy) {
        return jdbi.inTransaction(h -> {
            byte[] snapshot = configVars.sealSnapshot(appId, configVars.open(h.attach(ConfigVarDao.class).list(appId)));
            Release release = h.attach(ReleaseDao.class).create(appId, buildId, artifactDigest, snapshot, description, createdBy);
            EventBus.publish(h, Channels.APPS, Long.toString(appId));
            return release;
        });
    }

    /**
     * Sets config vars. When the app has a release, a new one with the current artifact and the
     * new config is made and returned; before the first deploy only the vars are stored.
     */
    public Optional<Release> setConfig(long appId, Map<String, String> values, Long userId) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No config vars given: use KEY=VALUE");
        }
        values.keySet().forEach(ConfigVars::requireValidKey);
        return jdbi.inTransaction(h -> changes.apply(h, appId, new LinkedHashMap<>(values), userId).release());
    }

    /** Removes config vars; like {@link #setConfig}, makes a new release when the app has one. */
    public Optional<Release> unsetConfig(long appId, Collection<String> keys, Long userId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("No config var names given");
        }
        Map<String, String> removals = new LinkedHashMap<>();
        keys.forEach(key -> removals.put(ConfigVars.requireValidKey(key), null));
        return jdbi.inTransaction(h -> changes.apply(h, appId, removals, userId).release());
    }

    /**
     * Rolls back to {@code targetVersion} (null: the release before the live one): a new release
     * with that release's artifact and config vars, which also become the app's current config.
     * Nothing is rebuilt.
     */
    public Release rollback(long appId, Integer targetVersion, Long userId) {
        return jdbi.inTransaction(h -> {
            ReleaseDao releases = h.attach(ReleaseDao.class);
            Release live = releases.live(appId)
                    .orElseThrow(() -> new IllegalArgumentException("The app has no live release to roll back from"));
            Release target = targetVersion == null
                    ? previousGood(h, appId, live.version())
                    : releases.find(appId, targetVersion)
                            .orElseThrow(() -> new IllegalArgumentException("There is no release v" + targetVersion));
            if (target.status() == ReleaseStatus.FAILED) {
                throw new IllegalArgumentException(target.label() + " failed to start and cannot be rolled back to");
            }
            ConfigVarDao vars = h.attach(ConfigVarDao.class);
            vars.removeAll(appId);
            configVars.openSnapshot(appId, target.configSealed())
                    .forEach((k, v) -> vars.put(appId, k, configVars.seal(appId, k, v)));
            Release release = releases.create(appId, target.buildId(), target.artifactDigest(), target.configSealed(),
                    "Rollback to " + target.label(), userId);
            EventBus.publish(h, Channels.APPS, Long.toString(appId));
            return release;
        });
    }

    /** Sets how many processes of a type run (0 stops the app without forgetting its release). */
    public void scale(long appId, String processType, int quantity) {
        if (!Formation.WEB.equals(processType)) {
            throw new IllegalArgumentException("Unknown process type '" + processType + "': only 'web' is supported");
        }
        if (quantity < 0 || quantity > 100) {
            throw new IllegalArgumentException("Quantity must be between 0 and 100, got " + quantity);
        }
        jdbi.useTransaction(h -> {
            h.attach(FormationDao.class).scale(appId, processType, quantity);
            EventBus.publish(h, Channels.APPS, Long.toString(appId));
        });
    }

    /** Replaces every running instance of the app (new ones first, so no request is dropped). */
    public void restart(long appId) {
        jdbi.useTransaction(h -> {
            h.attach(FormationDao.class).requestRestart(appId, Formation.WEB);
            EventBus.publish(h, Channels.APPS, Long.toString(appId));
        });
    }

    private static Release previousGood(Handle h, long appId, int liveVersion) {
        return h.attach(ReleaseDao.class).lastSupersededBefore(appId, liveVersion)
                .orElseThrow(() -> new IllegalArgumentException("There is no earlier release to roll back to"));
    }
}
