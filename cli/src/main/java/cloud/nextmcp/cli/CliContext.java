package cloud.nextmcp.cli;

import cloud.nextmcp.cli.auth.ApiAccess;
import cloud.nextmcp.cli.auth.CredentialsStore;
import cloud.nextmcp.cli.git.GitRepository;
import cloud.nextmcp.cli.output.Json;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;

/** What every command is built with: the environment, the output streams and the shared services. */
public final class CliContext {

    private final CliEnvironment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Json json;
    private final ApiAccess access;
    private final GitRepository git;

    public CliContext(CliEnvironment environment, PrintWriter out, PrintWriter err, Json json, ApiAccess access,
            GitRepository git) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.json = json;
        this.access = access;
        this.git = git;
    }

    /** The production wiring: the JDK HTTP client, credentials under the XDG config directory, real git. */
    public static CliContext create(CliEnvironment environment, PrintWriter out, PrintWriter err) {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        CredentialsStore store = new CredentialsStore(CredentialsStore.defaultDirectory(environment), mapper);
        ApiAccess access = new ApiAccess(environment, store, http, mapper, "nextmcp-cli/" + Version.current());
        return new CliContext(environment, out, err, new Json(mapper), access,
                new GitRepository(environment.workingDirectory()));
    }

    public CliEnvironment environment() {
        return environment;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Json json() {
        return json;
    }

    public ApiAccess access() {
        return access;
    }

    public GitRepository git() {
        return git;
    }
}
