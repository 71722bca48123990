package cloud.nextmcp.build.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which {@link AppRuntime} runs apps: {@code runtime.kind} in the configuration. */
public enum RuntimeKind {
    /** Sandboxed processes on the platform's own machine. */
    LOCAL,
    /** A Deployment per app and process type in a Kubernetes namespace. */
    KUBERNETES;

    /** Reads the configured value; null or blank is {@link #LOCAL}. */
    public static RuntimeKind parse(String value) {
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("runtime.kind must be one of " + Arrays.stream(values())
                    .map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }
    }
}
