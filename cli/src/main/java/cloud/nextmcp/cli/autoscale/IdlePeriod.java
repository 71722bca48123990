package cloud.nextmcp.cli.autoscale;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Idle periods as users write them: 90s, 5m, 2h, or plain seconds; and back. */
public final class IdlePeriod {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smh]?)");

    private IdlePeriod() {
    }

    /** Seconds, or IllegalArgumentException with the accepted forms. */
    public static int parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a period: write e.g. 30s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
        if (seconds < 1 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is not a usable period: write e.g. 30s, 5m or 1h");
        }
        return (int) seconds;
    }

    public static String format(int seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
