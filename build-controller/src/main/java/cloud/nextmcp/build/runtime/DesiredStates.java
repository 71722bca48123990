package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.autoscale.AutoscaleSettings;
import cloud.nextmcp.core.autoscale.AutoscaleSettingsDao;
import cloud.nextmcp.core.autoscale.AutoscaleState;
import cloud.nextmcp.core.autoscale.AutoscaleStateDao;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.releases.Formation;
import cloud.nextmcp.core.releases.FormationDao;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reads what an app should run from the database: its release to run, its formation and its plan's memory. */
public final class DesiredStates {
    /**
     * The app runs {@code release} with {@code formation}'s number of web instances; {@code memoryLimitMb} is
     * its team's plan's memory per instance (null: unlimited).
     */
    public record Desired(App app, Release release, Formation formation, Integer memoryLimitMb) {
    }

    private final Jdbi jdbi;
    private final Entitlements entitlements;

    public DesiredStates(Jdbi jdbi, Entitlements entitlements) {
        this.jdbi = jdbi;
        this.entitlements = entitlements;
    }

    /** Empty when the app is gone or has no release to run. */
    public Optional<Desired> of(long appId) {
        return jdbi.inTransaction(h -> {
            Optional<App> app = h.attach(AppDao.class).findById(appId);
            Optional<Release> release = h.attach(ReleaseDao.class).desired(appId);
            if (app.isEmpty() || release.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Desired(app.get(), release.get(), formation(h, appId),
                    entitlements.memoryMbPerInstance(h, appId).orElse(null)));
        });
    }

    /**
     * The formation, whose count the autoscaler decides while the app autoscales (kept within min and
     * max, also when they changed since); its restart request stays the user's.
     */
    private static Formation formation(Handle h, long appId) {
        Formation fixed = h.attach(FormationDao.class).web(appId);
        Optional<AutoscaleSettings> auto = h.attach(AutoscaleSettingsDao.class).find(appId);
        if (auto.isEmpty()) {
            return fixed;
        }
        int replicas = auto.get().clamp(h.attach(AutoscaleStateDao.class).find(appId).map(AutoscaleState::replicas)
                .orElse(fixed.quantity()));
        return new Formation(appId, Formation.WEB, replicas, fixed.restartRequestedAt());
    }
}
