package cloud.nextmcp.server.platform;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The roles one process can play; {@code roles:} in the configuration picks them (default: all). */
public enum RoleName {
    API, GIT, BUILDER, ROUTER;

    @JsonCreator
    public static RoleName parse(String value) {
        for (RoleName r : values()) {
            if (r.name().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown role '" + value + "': roles are api, git, builder, router");
    }

    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
