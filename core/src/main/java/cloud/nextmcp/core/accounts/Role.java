package cloud.nextmcp.core.accounts;

import java.util.Locale;

/** A member's role in a team, weakest first: each role can do everything the ones before it can. */
public enum Role {
    VIEWER, MEMBER, ADMIN, OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "owner", "Admin", … ; throws with the accepted values named. */
    public static Role parse(String value) {
        if (value != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(value.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("Unknown role '" + value + "': use owner, admin, member or viewer");
    }
}
