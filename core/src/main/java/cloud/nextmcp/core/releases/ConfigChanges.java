package cloud.nextmcp.core.releases;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Applies one change of config vars (values set, nulls removed) in the caller's transaction and
 * makes ONE new release for it when the app has one to base it on, so a change that both sets and
 * removes vars is one release, as on Heroku. The one place that enforces what an app's config may
 * hold: names the platform sets itself are refused, and so is a config too large to start a
 * process with (the kernel refuses an oversized environment with E2BIG at the next release).
 */
public final class ConfigChanges {
    public static final int MAX_VARS = 500;
    public static final int MAX_TOTAL_BYTES = 64 * 1024;
    /** Set by the runtime for every instance; a config var of the same name would be overridden or break the app. */
    private static final Set<String> RESERVED = Set.of("PORT");
    private static final String RESERVED_PREFIX = "NEXTMCP_";

    private final ConfigVars configVars;

    public ConfigChanges(ConfigVars configVars) {
        this.configVars = configVars;
    }

    /** What a PATCH changed: the keys set, the keys actually removed, and the release it made (if any). */
    public record Outcome(List<String> set, List<String> removed, Optional<Release> release) {
    }

    /** A change the rules refuse; the message names the rule and is meant for the user. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param changes keys to set (non-null value) or remove (null value)
     * @throws Refused when a key is not a valid or allowed name, or the resulting config breaks a limit
     */
    public Outcome apply(Handle h, long appId, Map<String, String> changes, Long userId) {
        ConfigVarDao vars = h.attach(ConfigVarDao.class);
        changes.keySet().forEach(ConfigChanges::requireAllowedName);
        Map<String, String> result = new TreeMap<>(configVars.open(vars.list(appId)));
        changes.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        requireWithinLimits(result);
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

    private static void requireAllowedName(String key) {
        try {
            ConfigVars.requireValidKey(key);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        if (RESERVED.contains(key) || key.startsWith(RESERVED_PREFIX)) {
            throw new Refused("'" + key + "' is set by the platform for every instance (PORT and names starting with "
                    + RESERVED_PREFIX + " are reserved); choose another name");
        }
    }

    private static void requireWithinLimits(Map<String, String> config) {
        if (config.size() > MAX_VARS) {
            throw new Refused("an app may have at most " + MAX_VARS + " config vars; this change would make "
                    + config.size() + ". Combine related values into one var (e.g. JSON)");
        }
        long bytes = config.entrySet().stream()
                .mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                        + e.getValue().getBytes(StandardCharsets.UTF_8).length)
                .sum();
        if (bytes > MAX_TOTAL_BYTES) {
            throw new Refused("an app's config vars may total at most " + MAX_TOTAL_BYTES / 1024 + " KiB (names and values);"
                    + " this change would make " + (bytes + 1023) / 1024 + " KiB. Keep large values in a file or a service");
        }
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
