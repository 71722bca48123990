package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.images.ImageConfig;
import cloud.nextmcp.build.kpack.KpackConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the {@code builder} role. Every field may be omitted (null) for its default.
 *
 * @param workerName          names this builder's leases; unique per builder process (default: the host name).
 *                            On start, builds this name held when the process died are taken again at once.
 * @param concurrency         builds run at the same time by this process (default 1)
 * @param leaseSeconds        lease on a claimed build, renewed every third of it (default 30)
 * @param maxAttempts         a build whose builder died this many times is failed, not retried (default 2)
 * @param buildTimeoutSeconds a build step running longer fails the build (default 900)
 * @param pollSeconds         how often the queue is read when no notification arrives (default 10)
 * @param path                PATH of build processes (default: the platform's own PATH)
 * @param env                 extra environment of build processes, e.g. a registry mirror (default none)
 * @param hiddenPaths         more host paths builds must not see, besides the data directory (default none)
 * @param images              push each artifact as an OCI image there (default: no images)
 * @param kind                {@code local} (default: buildpacks on this machine) or {@code kpack} (in a cluster)
 * @param kpack               settings of kpack builds; required when {@code kind} is {@code kpack}
 */
public record BuilderConfig(String workerName, Integer concurrency, Integer leaseSeconds, Integer maxAttempts,
                            Integer buildTimeoutSeconds, Integer pollSeconds, String path, Map<String, String> env,
                            List<String> hiddenPaths, ImageConfig images, String kind, KpackConfig kpack) {
    public BuilderConfig {
        workerName = workerName == null || workerName.isBlank() ? hostName() : workerName;
        concurrency = positive(concurrency, 1, "concurrency");
        leaseSeconds = positive(leaseSeconds, 30, "leaseSeconds");
        maxAttempts = positive(maxAttempts, 2, "maxAttempts");
        buildTimeoutSeconds = positive(buildTimeoutSeconds, 900, "buildTimeoutSeconds");
        pollSeconds = positive(pollSeconds, 10, "pollSeconds");
        path = path == null || path.isBlank() ? System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin") : path;
        env = env == null ? Map.of() : Map.copyOf(env);
        hiddenPaths = hiddenPaths == null ? List.of() : List.copyOf(hiddenPaths);
        if (images != null && (images.registry() == null || images.registry().isBlank())) {
            throw new IllegalArgumentException("builder.images.registry is required when builder.images is set");
        }
        kind = BuilderKind.parse(kind).name().toLowerCase(Locale.ROOT);
        if (BuilderKind.parse(kind) == BuilderKind.KPACK && kpack == null) {
            throw new IllegalArgumentException("builder.kind is kpack but builder.kpack is missing; set at least "
                    + "builder.kpack.tagPrefix (e.g. registry.example.com/nextmcp/)");
        }
    }

    /** Local builds with these settings. */
    public BuilderConfig(String workerName, Integer concurrency, Integer leaseSeconds, Integer maxAttempts,
                         Integer buildTimeoutSeconds, Integer pollSeconds, String path, Map<String, String> env,
                         List<String> hiddenPaths, ImageConfig images) {
        this(workerName, concurrency, leaseSeconds, maxAttempts, buildTimeoutSeconds, pollSeconds, path, env, hiddenPaths,
                images, null, null);
    }

    /** All defaults. */
    public static BuilderConfig defaults() {
        return new BuilderConfig(null, null, null, null, null, null, null, null, null, null);
    }

    public BuilderKind builderKind() {
        return BuilderKind.parse(kind);
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("builder." + name + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "builder";
        }
    }
}
