package cloud.nextmcp.core.github;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code github} section. GitHub is off while no webhook secret is set. Talks to GitHub as a
 * GitHub App ({@code appId} + {@code privateKeyFile}) or with a plain {@code token}. Repositories are
 * cloned from {@code <gitUrl>/<owner>/<repo>.git}, never from a URL in a payload. Documented in
 * docs/configuration.md and docs/github.md.
 */
public record GithubConfig(String apiUrl, String gitUrl, String webhookSecret, String appId, String privateKeyFile,
                           String token, Integer previewTtlDays) {
    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final String DEFAULT_GIT_URL = "https://github.com";

    public GithubConfig {
        apiUrl = stripSlash(blank(apiUrl) ? DEFAULT_API_URL : apiUrl.trim());
        gitUrl = stripSlash(blank(gitUrl) ? DEFAULT_GIT_URL : gitUrl.trim());
        webhookSecret = blank(webhookSecret) ? null : webhookSecret;
        appId = blank(appId) ? null : appId.trim();
        privateKeyFile = blank(privateKeyFile) ? null : privateKeyFile.trim();
        token = blank(token) ? null : token.trim();
        previewTtlDays = previewTtlDays == null ? 7 : previewTtlDays;
    }

    public static GithubConfig disabled() {
        return new GithubConfig(null, null, null, null, null, null, null);
    }

    public boolean enabled() {
        return webhookSecret != null;
    }

    public boolean usesApp() {
        return appId != null;
    }

    /** Stops the start with a message naming the key to fix. */
    public void validate() {
        requireHttp(apiUrl, "github.apiUrl");
        requireHttp(gitUrl, "github.gitUrl");
        if (previewTtlDays < 1) {
            throw new IllegalArgumentException("github.previewTtlDays must be at least 1 (it is " + previewTtlDays + ")");
        }
        if (!enabled()) {
            return;
        }
        if (appId != null && !appId.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("github.appId must be the GitHub App's numeric id (it is '" + appId + "')");
        }
        if (appId != null && privateKeyFile == null) {
            throw new IllegalArgumentException("github.appId is set but github.privateKeyFile is not: "
                    + "set it to the .pem file GitHub generated for the app (NEXTMCP_GITHUB_PRIVATE_KEY_FILE)");
        }
        if (appId != null && !Files.isReadable(Path.of(privateKeyFile))) {
            throw new IllegalArgumentException("github.privateKeyFile cannot be read: check the path and its permissions");
        }
        if (appId == null && token == null) {
            throw new IllegalArgumentException("github.webhookSecret is set but neither github.appId (a GitHub App) nor "
                    + "github.token is: set one so the platform can clone repositories and report to GitHub");
        }
    }

    /** Where {@code owner/repo} is cloned from. */
    public String cloneUrl(String repository) {
        return gitUrl + "/" + repository + ".git";
    }

    private static void requireHttp(String url, String key) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http(s) URL such as https://github.example.com (it is '"
                    + url + "')");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
