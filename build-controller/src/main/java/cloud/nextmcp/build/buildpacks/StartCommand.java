package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;

/**
 * The app's start command and how it speaks MCP.
 *
 * @param command the command, run with {@code sh -c} in the app's directory
 * @param stdio   true: a stdio MCP server, run behind the stdio bridge; false: it serves HTTP on {@code $PORT} itself
 * @param source  where the command came from, for the build log
 */
public record StartCommand(String command, boolean stdio, String source) {

    /**
     * The command that wins: {@code nextmcp.toml} ({@code command}, then {@code start}), then the
     * Procfile ({@code web:}, then {@code stdio:}), then the buildpack's default. {@code transport}
     * in {@code nextmcp.toml} says how a {@code start}, {@code web:} or default command speaks.
     */
    static StartCommand choose(ProjectSettings settings, BuildpackResult result) throws BuildFailure {
        boolean stdioDeclared = ProjectSettings.STDIO.equals(settings.transport());
        if (settings.command() != null) {
            return new StartCommand(settings.command(), true, ProjectSettings.FILE + " command");
        }
        if (settings.start() != null) {
            return new StartCommand(settings.start(), stdioDeclared, ProjectSettings.FILE + " start");
        }
        if (settings.procfileWeb() != null) {
            return new StartCommand(settings.procfileWeb(), stdioDeclared, "Procfile web:");
        }
        if (settings.procfileStdio() != null) {
            return new StartCommand(settings.procfileStdio(), true, "Procfile stdio:");
        }
        if (result.defaultStart() != null) {
            boolean stdio = stdioDeclared || result.stdio() && !ProjectSettings.HTTP.equals(settings.transport());
            return new StartCommand(result.defaultStart(), stdio, "buildpack default");
        }
        throw new BuildFailure("no start command: " + result.missingStart()
                + "; add a Procfile with 'web: <command>' (or 'stdio: <command>' for a stdio MCP server), "
                + "or start = \"…\" in " + ProjectSettings.FILE);
    }
}
