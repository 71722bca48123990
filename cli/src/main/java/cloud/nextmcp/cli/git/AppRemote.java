package cloud.nextmcp.cli.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the app name out of a NextMCP git remote URL:
 * {@code ssh://git@HOST:PORT/<app>.git} or {@code http(s)://HOST:PORT/git/<app>.git}.
 */
public final class AppRemote {

    /** The remote's name in a developer's repo, like Heroku's {@code heroku}. */
    public static final String NAME = "nextmcp";

    private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}[a-z0-9]");

    private AppRemote() {
    }

    public static Optional<String> appName(String remoteUrl) {
        URI uri;
        try {
            uri = new URI(remoteUrl.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String path = uri.getPath();
        if (uri.getScheme() == null || path == null) {
            return Optional.empty();
        }
        String repo = switch (uri.getScheme()) {
            case "ssh" -> path.startsWith("/") ? path.substring(1) : path;
            case "http", "https" -> path.startsWith("/git/") ? path.substring("/git/".length()) : "";
            default -> "";
        };
        if (repo.endsWith("/")) {
            repo = repo.substring(0, repo.length() - 1);
        }
        if (repo.endsWith(".git")) {
            repo = repo.substring(0, repo.length() - ".git".length());
        }
        return APP_NAME.matcher(repo).matches() ? Optional.of(repo) : Optional.empty();
    }
}
