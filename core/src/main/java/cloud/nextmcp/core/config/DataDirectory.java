package cloud.nextmcp.core.config;

import java.nio.file.Path;

/**
 * The layout of the platform's data directory (default {@code ~/.nextmcp}). Every role finds its
 * files here; nothing else decides paths. Per-app things are keyed by the app's id, never its
 * name, so a destroyed and re-created name never sees the old app's data.
 */
public record DataDirectory(Path root) {
    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** Cluster files of the embedded PostgreSQL. */
    public Path postgres() {
        return root.resolve("postgres");
    }

    /** The embedded PostgreSQL's Unix socket, in a directory only the platform's user may enter (not /tmp). */
    public Path postgresSocket() {
        return root.resolve("postgres-socket");
    }

    /** Bare git repository of an app. */
    public Path repository(long appId) {
        return root.resolve("repos").resolve(appId + ".git");
    }

    public Path sshHostKey() {
        return root.resolve("ssh").resolve("host_ed25519");
    }

    /** Content-addressed build artifacts (slugs). */
    public Path artifacts() {
        return root.resolve("artifacts");
    }

    /** Per-app dependency caches kept between builds. */
    public Path buildCache(long appId) {
        return root.resolve("cache").resolve(Long.toString(appId));
    }

    /** Scratch space of one build; removed when the build ends. */
    public Path buildWorkspace(long buildId) {
        return root.resolve("builds").resolve(Long.toString(buildId));
    }

    /** Files the sandboxes of builds and apps are given (their resolv.conf, pasta's pid files). */
    public Path sandbox() {
        return root.resolve("sandbox");
    }

    /** Secrets the platform generates for itself (master key, JWT key, the embedded database's passwords). */
    public Path secrets() {
        return root.resolve("secrets");
    }
}
