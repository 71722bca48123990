package cloud.nextmcp.api.dashboard;

import java.util.Map;

/**
 * The confirmations a page shows after a redirect ({@code ?notice=rolled-back}): fixed texts
 * chosen by a code, so a link cannot make a page say something of its own.
 */
public final class Notices {
    private static final Map<String, String> TEXTS = Map.of(
            "rolled-back", "Rolled back: a new release with the older build and config is rolling out.",
            "config-set", "Config var set: a new release is rolling out with it.",
            "config-removed", "Config var removed: a new release is rolling out without it.",
            "scaled", "Scaled: instances are starting or stopping to match.",
            "logged-out", "You are logged out.",
            "restarted", "Restarting: the instances are replaced one by one.");

    private Notices() {
    }

    public static String text(String code) {
        return code == null ? null : TEXTS.get(code);
    }
}
