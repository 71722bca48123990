package cloud.nextmcp.build.artifacts;

import java.util.Map;

/**
 * How to run a built app; stored beside the artifact's files and part of its digest.
 *
 * @param buildpack    which buildpack made it (node, python, java)
 * @param startCommand the web process command, run with {@code sh -c} in the artifact directory
 * @param healthPath   HTTP health path, or null to wait for the port only
 * @param env          environment the buildpack or {@code nextmcp.toml} sets
 */
public record LaunchSpec(String buildpack, String startCommand, String healthPath, Map<String, String> env) {
    public LaunchSpec {
        env = Map.copyOf(env);
    }
}
