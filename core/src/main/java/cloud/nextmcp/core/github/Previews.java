package cloud.nextmcp.core.github;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.releases.ConfigVarDao;
import cloud.nextmcp.core.releases.ConfigVars;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of previews: creation (a child app with its preview route, the parent's config
 * vars copied at that moment, checked against the plan) and teardown (the child app is deleted;
 * NOTIFY {@code apps} makes the runtime stop its instances, {@code routes} makes the router drop its host).
 */
public final class Previews {
    private static final Logger LOG = LoggerFactory.getLogger(Previews.class);

    private final ConfigVars configVars;
    private final Entitlements entitlements;

    public Previews(ConfigVars configVars, Entitlements entitlements) {
        this.configVars = configVars;
        this.entitlements = entitlements;
    }

    /** The preview {@code label} of {@code parent}, created when missing. */
    public Preview ensure(Handle h, App parent, String label, Integer prNumber, String branch) {
        PreviewDao previews = h.attach(PreviewDao.class);
        var existing = previews.find(parent.id(), label);
        if (existing.isPresent()) {
            return existing.get();
        }
        entitlements.requirePreviewSlot(h, parent.id(), previews.count(parent.id()));
        String name = PreviewLabels.hostLabel(label, parent.name());
        long appId = previews.insert(parent.id(), name, label, prNumber, branch);
        ConfigVarDao vars = h.attach(ConfigVarDao.class);
        Map<String, String> inherited = configVars.open(vars.list(parent.id()));
        // Values are sealed under their app's id, so each is sealed again for the preview.
        inherited.forEach((key, value) -> vars.put(appId, key, configVars.seal(appId, key, value)));
        EventBus.publish(h, Channels.ROUTES, Long.toString(appId));
        // A private app's previews are private too: routers re-read who may call them.
        EventBus.publish(h, Channels.ACCESS, Long.toString(appId));
        LOG.info("Preview {} (app id {}) of app {} (id {}) created for {} with {} inherited config vars", name, appId,
                parent.name(), parent.id(), branch, inherited.size());
        return previews.ofApp(appId).orElseThrow();
    }

    /** Deletes the preview app; its releases, builds, logs and route go with it. */
    public void tearDown(Handle h, Preview preview, String why) {
        h.createUpdate("DELETE FROM apps WHERE id = :id AND parent_id IS NOT NULL").bind("id", preview.appId()).execute();
        EventBus.publish(h, Channels.APPS, Long.toString(preview.appId()));
        EventBus.publish(h, Channels.ROUTES, Long.toString(preview.appId()));
        LOG.info("Preview {} (app id {}) torn down: {}", preview.name(), preview.appId(), why);
    }
}
