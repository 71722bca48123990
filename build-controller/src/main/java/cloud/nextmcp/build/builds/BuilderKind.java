package cloud.nextmcp.build.builds;

import java.util.Locale;

/** How builds run: {@code builder.kind} in the configuration. */
public enum BuilderKind {
    /** Buildpacks in a sandbox on the builder's own machine. */
    LOCAL,
    /** A kpack {@code Image} per app in a Kubernetes cluster. */
    KPACK;

    /** Reads the configured value; null or blank is {@link #LOCAL}. */
    public static BuilderKind parse(String value) {
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("builder.kind must be local or kpack, got '" + value + "'");
        }
    }
}
