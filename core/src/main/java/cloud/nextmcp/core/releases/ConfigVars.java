package cloud.nextmcp.core.releases;

import cloud.nextmcp.core.secrets.SecretBox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Encrypts config vars at rest. A stored value is sealed with the context {@code <app id>:<key>}
 * and a release's snapshot with {@code <app id>:release-config}, so a sealed value cannot be
 * moved to another app or key. Snapshots are bound to the app, not the release, so a rollback
 * can reuse an older release's snapshot as it is.
 */
public final class ConfigVars {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private final SecretBox box;
    private final ObjectMapper json = new ObjectMapper();

    public ConfigVars(SecretBox box) {
        this.box = box;
    }

    /** Rejects keys a process environment cannot carry, with a message for the user. */
    public static String requireValidKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid config var name '" + key
                    + "': use letters, digits and underscores, not starting with a digit");
        }
        return key;
    }

    public byte[] seal(long appId, String key, String value) {
        return box.seal(value.getBytes(StandardCharsets.UTF_8), context(appId, key));
    }

    public String open(ConfigVar var) {
        return new String(box.open(var.valueSealed(), context(var.appId(), var.key())), StandardCharsets.UTF_8);
    }

    /** The plain values of stored vars, sorted by key. */
    public Map<String, String> open(List<ConfigVar> vars) {
        Map<String, String> plain = new TreeMap<>();
        for (ConfigVar v : vars) {
            plain.put(v.key(), open(v));
        }
        return plain;
    }

    public byte[] sealSnapshot(long appId, Map<String, String> vars) {
        try {
            return box.seal(json.writeValueAsBytes(new TreeMap<>(vars)), snapshotContext(appId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise config vars of app " + appId, e);
        }
    }

    public Map<String, String> openSnapshot(long appId, byte[] sealed) {
        try {
            return json.readValue(box.open(sealed, snapshotContext(appId)), MAP);
        } catch (IOException e) {
            throw new IllegalStateException("Config snapshot of app " + appId + " is not valid JSON", e);
        }
    }

    private static byte[] context(long appId, String key) {
        return (appId + ":" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] snapshotContext(long appId) {
        return (appId + ":release-config").getBytes(StandardCharsets.UTF_8);
    }
}
