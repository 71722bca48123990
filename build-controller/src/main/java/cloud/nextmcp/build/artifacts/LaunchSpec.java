package cloud.nextmcp.build.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How to run a built app; stored beside the artifact's files and part of its digest.
 *
 * @param buildpack    which buildpack made it (node, python, java)
 * @param startCommand the web process command, run with {@code sh -c} in the artifact directory
 * @param healthPath   HTTP health path, or null to wait for the port only
 * @param env          environment the buildpack or {@code nextmcp.toml} sets
 * @param project      a NextMCP project's name and description, or null; left out of the stored JSON
 *                     when null, so the digests of other artifacts stay what they were
 */
public record LaunchSpec(String buildpack, String startCommand, String healthPath, Map<String, String> env,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ProjectInfo project) {
    public LaunchSpec {
        env = Map.copyOf(env);
    }
}
