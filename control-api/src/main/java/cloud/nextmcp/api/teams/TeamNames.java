package cloud.nextmcp.api.teams;

import cloud.nextmcp.core.apps.AppName;
import java.util.Locale;

/**
 * Team names follow the app name rules (DNS labels, 3–32 characters), so they can appear in
 * host names and URLs unchanged.
 */
public final class TeamNames {
    private static final int MAX_BASE = 27;

    private TeamNames() {
    }

    /** Why {@code name} is not a valid team name, or null if it is. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "a team name is required";
        }
        if (name.length() < 3 || name.length() > 32) {
            return "team name '" + name + "' must be 3 to 32 characters long";
        }
        if (!AppName.PATTERN.matcher(name).matches() || name.contains("--")) {
            return "team name '" + name + "' must start with a lower-case letter, contain only a-z, 0-9 and single '-', "
                    + "and not end with '-'";
        }
        return null;
    }

    /**
     * The preferred name of a new user's personal team: the e-mail's local part made a valid
     * label ({@code Alice.Smith+x@…} → {@code alice-smith-x}). Short enough for a "-NNNN" suffix.
     */
    public static String personalBase(String email) {
        String local = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        String label = local.replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+", "");
        if (label.length() > MAX_BASE) {
            label = label.substring(0, MAX_BASE);
        }
        label = label.replaceAll("-+$", "");
        if (label.isEmpty()) {
            return "user";
        }
        return label.length() < 3 ? label + "-team" : label;
    }

    /** The {@code attempt}-th candidate (1-based) for a personal team: base, base-2, base-3, … */
    public static String candidate(String base, int attempt) {
        return attempt == 1 ? base : base + "-" + attempt;
    }
}
