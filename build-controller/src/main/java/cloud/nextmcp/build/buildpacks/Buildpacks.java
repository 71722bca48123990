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
        Buildpack buildpack = choose(ctx, settings);
        ctx.log().line("-----> " + buildpack.name() + " app detected");
        BuildpackResult result = buildpack.build(ctx);
        String start = settings.startOr(result.defaultStart());
        if (start == null) {
            throw new BuildFailure("no start command: " + result.missingStart()
                    + "; add a Procfile with 'web: <command>' or start = \"…\" in " + ProjectSettings.FILE);
        }
        Map<String, String> env = new HashMap<>(result.env());
        env.putAll(settings.env());
        ctx.log().line("-----> Start command: " + start);
        return new LaunchSpec(buildpack.name(), start, settings.healthPath(), env);
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
