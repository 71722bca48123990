package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.artifacts.LaunchSpec;
import cloud.nextmcp.build.builds.BuildFailure;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Detects the app's buildpack (or takes the one {@code nextmcp.toml} names), runs it and says how to start the result. */
public final class Buildpacks {
    private final List<Buildpack> buildpacks;

    public Buildpacks(List<Buildpack> buildpacks) {
        this.buildpacks = List.copyOf(buildpacks);
    }

    /** Node, Python and Java, detected in that order. */
    public static Buildpacks standard() {
        return new Buildpacks(List.of(new NodeBuildpack(), new PythonBuildpack(), new JavaBuildpack()));
    }

    public LaunchSpec build(BuildContext ctx) throws BuildFailure, IOException {
        ProjectSettings settings = ProjectSettings.read(ctx.appDir());
        if (settings.command() != null) {
            // Before detection: a repository of just nextmcp.toml gets the lockfile advice, not "no buildpack matched".
            NpxPackages.requireLocked(settings.command(), ctx.appDir());
        }
        Buildpack buildpack = choose(ctx, settings);
        ctx.log().line("-----> " + buildpack.name() + " app detected");
        BuildpackResult result = buildpack.build(ctx);
        StartCommand start = StartCommand.choose(settings, result);
        Map<String, String> env = new HashMap<>(result.env());
        env.putAll(settings.env());
        if (!start.stdio()) {
            ctx.log().line("-----> Start command: " + start.command());
            return new LaunchSpec(buildpack.name(), start.command(), settings.healthPath(), env, result.project());
        }
        NpxPackages.requireLocked(start.command(), ctx.appDir());
        env.putAll(StdioBridge.env(start.command()));
        ctx.log().line("-----> stdio MCP server (" + start.source() + "): " + start.command());
        ctx.log().line("-----> Served over Streamable HTTP by the platform's stdio bridge, one server process per MCP session");
        return new LaunchSpec(buildpack.name(), StdioBridge.install(ctx.appDir()), settings.healthPath(), env, result.project());
    }

    private Buildpack choose(BuildContext ctx, ProjectSettings settings) throws BuildFailure {
        if (settings.buildpack() != null) {
            return buildpacks.stream().filter(b -> b.name().equals(settings.buildpack())).findFirst()
                    .orElseThrow(() -> new BuildFailure(ProjectSettings.FILE + " names buildpack '" + settings.buildpack()
                            + "'; known: " + buildpacks.stream().map(Buildpack::name).collect(Collectors.joining(", "))));
        }
        return buildpacks.stream().filter(b -> b.detect(ctx.appDir())).findFirst()
                .orElseThrow(() -> new BuildFailure("no buildpack matched: looked for "
                        + buildpacks.stream().map(Buildpack::lookingFor).collect(Collectors.joining(", "))
                        + " at the top of the repository"));
    }
}
