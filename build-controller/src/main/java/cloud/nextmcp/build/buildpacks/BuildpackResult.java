package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.artifacts.ProjectInfo;
import java.util.Map;

/**
 * What a buildpack made.
 *
 * @param defaultStart start command when neither {@code nextmcp.toml} nor the Procfile sets one (null: none known)
 * @param missingStart why there is no default start command, for the failure message (null when there is one)
 * @param env          environment the instances need
 * @param stdio        the default start command is a stdio MCP server, to be run behind the stdio bridge
 * @param project      what the project says it is (a NextMCP app's name and description), or null
 */
public record BuildpackResult(String defaultStart, String missingStart, Map<String, String> env, boolean stdio,
                              ProjectInfo project) {
    public BuildpackResult {
        env = Map.copyOf(env);
    }

    public static BuildpackResult start(String command, Map<String, String> env) {
        return new BuildpackResult(command, null, env, false, null);
    }

    public static BuildpackResult stdioStart(String command, Map<String, String> env) {
        return new BuildpackResult(command, null, env, true, null);
    }

    public static BuildpackResult noStart(String why, Map<String, String> env) {
        return new BuildpackResult(null, why, env, false, null);
    }

    public BuildpackResult withProject(ProjectInfo info) {
        return new BuildpackResult(defaultStart, missingStart, env, stdio, info);
    }
}
