package cloud.nextmcp.core.github;

import java.util.Locale;

/** Which previews a connected repository gets; stored as {@link #stored()}. */
public enum PreviewMode {
    OFF("off"), PULL_REQUESTS("pr"), BRANCHES("branches"), ALL("pr,branches");

    private final String stored;

    PreviewMode(String stored) {
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }

    public boolean pullRequests() {
        return this == PULL_REQUESTS || this == ALL;
    }

    public boolean branches() {
        return this == BRANCHES || this == ALL;
    }

    /** {@code pr,branches}, {@code branches,pr}, {@code pr}, {@code branches} or {@code off}. */
    public static PreviewMode parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (v) {
            case "off", "none" -> OFF;
            case "pr", "prs" -> PULL_REQUESTS;
            case "branches", "branch" -> BRANCHES;
            case "pr,branches", "branches,pr", "all" -> ALL;
            default -> throw new IllegalArgumentException("previews must be pr,branches, pr, branches or off (not '" + value + "')");
        };
    }
}
