package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.CliEnvironment;
import cloud.nextmcp.cli.CliException;
import cloud.nextmcp.cli.http.ApiClient;
import cloud.nextmcp.cli.http.Authentication;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * Decides which API a command talks to and as whom.
 * API URL: {@code --api} > {@code NEXTMCP_API_URL} > the URL saved at login > {@code http://localhost:8000}.
 * Identity: {@code NEXTMCP_TOKEN} (for CI) > the stored credentials, which are only ever sent to
 * the API that issued them.
 */
public final class ApiAccess {

    public static final String DEFAULT_API_URL = "http://localhost:8000";

    private final CliEnvironment environment;
    private final CredentialsStore store;
    private final HttpClient http;
    private final ObjectMapper json;
    private final String userAgent;

    public ApiAccess(CliEnvironment environment, CredentialsStore store, HttpClient http, ObjectMapper json,
            String userAgent) {
        this.environment = environment;
        this.store = store;
        this.http = http;
        this.json = json;
        this.userAgent = userAgent;
    }

    public CredentialsStore store() {
        return store;
    }

    /** The API base URL, normalized to {@code scheme://host[:port]} without a trailing slash. */
    public URI apiUrl(String override) {
        String chosen = Optional.ofNullable(override).filter(s -> !s.isBlank())
                .or(() -> environment.variable("NEXTMCP_API_URL"))
                .or(() -> store.load().map(Credentials::apiUrl))
                .orElse(DEFAULT_API_URL);
        return normalize(chosen);
    }

    /** A client that sends no credentials: for register, login and the refresh call itself. */
    public ApiClient anonymous(String override) {
        return new ApiClient(http, apiUrl(override), Authentication.NONE, json, userAgent);
    }

    /** A client that sends the given API token, for {@code login --token}. */
    public ApiClient withToken(String override, String token) {
        return new ApiClient(http, apiUrl(override), Authentication.fixedToken(token), json, userAgent);
    }

    /** A client that sends the caller's credentials, or a clear error when there are none. */
    public ApiClient authenticated(String override) {
        URI url = apiUrl(override);
        Optional<String> ciToken = environment.variable("NEXTMCP_TOKEN");
        if (ciToken.isPresent()) {
            return new ApiClient(http, url, Authentication.fixedToken(ciToken.get()), json, userAgent);
        }
        Credentials credentials = store.load()
                .orElseThrow(() -> new CliException("not logged in: run nextmcp login (or nextmcp register)"));
        if (!url.toString().equals(credentials.apiUrl())) {
            throw new CliException("not logged in to " + url + " (you are logged in to " + credentials.apiUrl()
                    + "): run nextmcp login --api " + url);
        }
        Authentication authentication = credentials.renewable()
                ? new SessionAuthentication(credentials, store, anonymous(override), environment.clock())
                : Authentication.fixedToken(credentials.accessToken());
        return new ApiClient(http, url, authentication, json, userAgent);
    }

    static URI normalize(String value) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith(ApiClient.API_PREFIX)) {
            trimmed = trimmed.substring(0, trimmed.length() - ApiClient.API_PREFIX.length());
        }
        try {
            URI uri = new URI(trimmed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new URISyntaxException(value, "not an http(s) base URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliException("invalid API URL '" + value + "': expected http(s)://HOST[:PORT]", e);
        }
    }
}
