package cloud.nextmcp.build.buildpacks;

import java.util.Map;

/**
 * What a buildpack made.
 *
 * @param defaultStart start command when neither {@code nextmcp.toml} nor the Procfile sets one (null: none known)
 * @param missingStart why there is no default start command, for the failure message (null when there is one)
 * @param env          environment the instances need
 * @param stdio        the default start command is a stdio MCP server, to be run behind the stdio bridge
 */
public record BuildpackResult(String defaultStart, String missingStart, Map<String, String> env, boolean stdio) {
    public BuildpackResult {
        env = Map.copyOf(env);
    }

    public static BuildpackResult start(String command, Map<String, String> env) {
        return new BuildpackResult(command, null, env, false);
    }

    public static BuildpackResult stdioStart(String command, Map<String, String> env) {
        return new BuildpackResult(command, null, env, true);
    }

    public static BuildpackResult noStart(String why, Map<String, String> env) {
        return new BuildpackResult(null, why, env, false);
    }
}
