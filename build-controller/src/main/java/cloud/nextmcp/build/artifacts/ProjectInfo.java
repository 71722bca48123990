package cloud.nextmcp.build.artifacts;

/**
 * The name and description a NextMCP project gives itself in {@code nextmcp.config.yaml}, shown by
 * {@code apps info}. They come from the user's repository, so each is cut to one line of bounded
 * length before anything stores or shows it.
 *
 * @param name        at most {@value #NAME_MAX} characters, or null
 * @param description at most {@value #DESCRIPTION_MAX} characters, or null
 */
public record ProjectInfo(String name, String description) {
    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 500;

    /** The bounded values, or null when neither is set. */
    public static ProjectInfo of(String name, String description) {
        String n = oneLine(name, NAME_MAX);
        String d = oneLine(description, DESCRIPTION_MAX);
        return n == null && d == null ? null : new ProjectInfo(n, d);
    }

    /** Control characters, line breaks and runs of spaces become one space; longer values end in "…". */
    static String oneLine(String value, int max) {
        if (value == null) {
            return null;
        }
        String line = value.replaceAll("[\\p{Cc}\\p{Z}\\s]+", " ").strip();
        if (line.isEmpty()) {
            return null;
        }
        // Counted in code points, as PostgreSQL's char_length does for the columns' limits.
        return line.codePointCount(0, line.length()) <= max ? line
                : line.substring(0, line.offsetByCodePoints(0, max - 1)) + "…";
    }
}
