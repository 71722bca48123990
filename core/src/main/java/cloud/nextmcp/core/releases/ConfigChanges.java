package cloud.nextmcp.core.releases;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Applies one change of config vars (values set, nulls removed) in the caller's transaction and
 * makes ONE new release for it when the app has one to base it on, so a change that both sets and
 * removes vars is one release, as on Heroku.
 */
public final class ConfigChanges {
    private final ConfigVars configVars;

    public ConfigChanges(ConfigVars configVars) {
        this.configVars = configVars;
    }

    /** What a PATCH changed: the keys set, the keys actually removed, and the release it made (if any). */
    public record Outcome(List<String> set, List<String> removed, Optional<Release> release) {
    }

    /** @param changes valid keys (see {@link ConfigVars#requireValidKey}); a null value removes the key */
    public Outcome apply(Handle h, long appId, Map<String, String> changes, Long userId) {
        ConfigVarDao vars = h.attach(ConfigVarDao.class);
        List<String> set = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        changes.forEach((key, value) -> {
            if (value == null) {
                if (vars.remove(appId, key) > 0) {
                    removed.add(key);
                }
            } else {
                vars.put(appId, key, configVars.seal(appId, key, value));
                set.add(key);
            }
        });
        if (set.isEmpty() && removed.isEmpty()) {
            return new Outcome(set, removed, Optional.empty());
        }
        return new Outcome(set, removed, release(h, appId, description(set, removed), userId));
    }

    private Optional<Release> release(Handle h, long appId, String description, Long userId) {
        ReleaseDao releases = h.attach(ReleaseDao.class);
        Optional<Release> base = releases.desired(appId);
        if (base.isEmpty()) {
            // Before the first deploy there is nothing to restart; the first build's release takes the vars.
            return Optional.empty();
        }
        byte[] snapshot = configVars.sealSnapshot(appId, configVars.open(h.attach(ConfigVarDao.class).list(appId)));
        Release release = releases.create(appId, base.get().buildId(), base.get().artifactDigest(), snapshot,
                description, userId);
        EventBus.publish(h, Channels.APPS, Long.toString(appId));
        return Optional.of(release);
    }

    private static String description(List<String> set, List<String> removed) {
        List<String> parts = new ArrayList<>();
        if (!set.isEmpty()) {
            parts.add("Set " + String.join(", ", set));
        }
        if (!removed.isEmpty()) {
            parts.add("Remove " + String.join(", ", removed));
        }
        return String.join("; ", parts);
    }
}
