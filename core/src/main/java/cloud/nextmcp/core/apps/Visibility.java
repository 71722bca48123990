package cloud.nextmcp.core.apps;

import java.util.Locale;

/** Who may call an app through the router: anyone (public), or its team and grantees with a token (private). */
public enum Visibility {
    PUBLIC, PRIVATE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "public" or "private"; throws with the accepted values named. */
    public static Visibility parse(String value) {
        for (Visibility v : values()) {
            if (v.dbValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown visibility '" + value + "': use public or private");
    }
}
