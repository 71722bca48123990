package cloud.nextmcp.build.artifacts;

import java.nio.file.Path;
import java.util.Map;

/**
 * A built app, ready to run: an immutable directory named by the SHA-256 digest of its content
 * ({@code <data>/artifacts/<digest>/}), plus how to run it.
 *
 * @param digest       lower-case hex SHA-256 naming the artifact
 * @param directory    the artifact's files; instances see it read-only as their working directory
 * @param buildpack    which buildpack made it (node, python, java)
 * @param startCommand the web process command, run with {@code sh -c} in {@code directory}
 * @param healthPath   HTTP path that answers 2xx/3xx/4xx when the instance is ready, or null to wait for the port only
 * @param env          environment the buildpack or {@code nextmcp.toml} sets (config vars override it)
 * @param project      a NextMCP project's name and description, or null
 */
public record Artifact(String digest, Path directory, String buildpack, String startCommand, String healthPath,
                       Map<String, String> env, ProjectInfo project) {
    public Artifact {
        env = Map.copyOf(env);
    }
}
