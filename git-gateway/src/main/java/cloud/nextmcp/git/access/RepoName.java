package cloud.nextmcp.git.access;

import cloud.nextmcp.core.apps.AppName;
import java.util.Optional;

/**
 * The app a client-given repository path names. Accepted: {@code <app>.git}, {@code /<app>.git} and
 * {@code <app>}. Anything else ({@code ../x}, absolute paths, {@code -}-prefixed options, nested
 * paths) names no app; the caller answers it exactly like an unknown app.
 */
public final class RepoName {
    private RepoName() {
    }

    public static Optional<String> appName(String requested) {
        if (requested == null) {
            return Optional.empty();
        }
        String name = requested.startsWith("/") ? requested.substring(1) : requested;
        if (name.endsWith(".git")) {
            name = name.substring(0, name.length() - ".git".length());
        }
        // AppName admits only [a-z0-9-] starting with a letter: no '/', '.', '-' prefix or '~' can pass.
        return AppName.problem(name) == null ? Optional.of(name) : Optional.empty();
    }
}
