package cloud.nextmcp.core.apps;

import java.util.Random;
import java.util.regex.Pattern;

/** App names are DNS labels: they become host names ({@code <app>.<apps-domain>}). */
public final class AppName {
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]{1,30}[a-z0-9]");
    private static final String[] ADJECTIVES = {
        "brave", "calm", "clever", "eager", "gentle", "happy", "jolly", "kind", "lively", "merry",
        "nimble", "proud", "quiet", "rapid", "shiny", "swift", "tidy", "vivid", "witty", "zesty"};
    private static final String[] NOUNS = {
        "otter", "falcon", "badger", "heron", "lynx", "marten", "panda", "quokka", "raven", "seal",
        "tapir", "walrus", "yak", "zebra", "bison", "cobra", "dingo", "egret", "gecko", "ibis"};

    private AppName() {
    }

    /** Returns the reason the name is not valid, or null when it is. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an app name is required";
        }
        if (name.length() < 3 || name.length() > 32) {
            return "app name '" + name + "' must be 3 to 32 characters long";
        }
        if (!PATTERN.matcher(name).matches()) {
            return "app name '" + name + "' must start with a lower-case letter, contain only a-z, 0-9 and '-', "
                    + "and not end with '-'";
        }
        if (name.contains("--")) {
            return "app name '" + name + "' must not contain '--' (reserved for preview host names)";
        }
        return null;
    }

    public static String generate(Random random) {
        return ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "-" + NOUNS[random.nextInt(NOUNS.length)] + "-"
                + (10 + random.nextInt(90));
    }
}
