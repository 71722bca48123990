package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.artifacts.ProjectInfo;
import cloud.nextmcp.build.builds.BuildFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code requirements.txt} / {@code pyproject.toml} apps: a virtualenv in {@code .venv} with the
 * dependencies (pip's wheel cache kept per app). MCP servers are started so they serve
 * Streamable HTTP on {@code $PORT}: NextMCP apps (a {@code nextmcp} dependency or a
 * {@code nextmcp.config.yaml}) through the platform's launcher, FastMCP apps through
 * {@code fastmcp run --transport http}, others with the host/port/transport variables MCP
 * frameworks read.
 */
public final class PythonBuildpack implements Buildpack {
    static final List<String> ENTRIES = List.of("app.py", "server.py", "main.py");
    private static final String LAUNCHER = ".nextmcp/mcp_http.py";

    @Override
    public String name() {
        return "python";
    }

    @Override
    public String lookingFor() {
        return "requirements.txt, pyproject.toml or nextmcp.config.yaml (python)";
    }

    @Override
    public boolean detect(Path appDir) {
        return Files.isRegularFile(appDir.resolve("requirements.txt")) || Files.isRegularFile(appDir.resolve("pyproject.toml"))
                || Files.isRegularFile(appDir.resolve(NextMcpConfig.FILE));
    }

    @Override
    public BuildpackResult build(BuildContext ctx) throws BuildFailure, IOException {
        Path app = ctx.appDir();
        List<String> requirements = requirements(app);
        Map<String, String> env = Map.of("PIP_CACHE_DIR", ctx.cacheDir().resolve("pip").toString(),
                "PIP_DISABLE_PIP_VERSION_CHECK", "1", "PYTHONDONTWRITEBYTECODE", "1");
        ctx.log().line("-----> Creating a virtualenv in .venv");
        if (requirements.isEmpty()) {
            // Nothing to install: skip pip entirely, so apps on the standard library build without a package index.
            ctx.commands().run(List.of("python3", "-m", "venv", "--without-pip", ".venv"), env);
        } else {
            ctx.commands().run(List.of("python3", "-m", "venv", ".venv"), env);
            ctx.log().line("-----> Installing " + requirements.size() + " requirement line(s) with pip");
            List<String> pip = new ArrayList<>(List.of(".venv/bin/python", "-m", "pip", "install", "--no-input", "--progress-bar", "off"));
            if (Files.isRegularFile(app.resolve("requirements.txt"))) {
                pip.addAll(List.of("-r", "requirements.txt"));
            }
            pip.addAll(pyprojectDependencies(app));
            ctx.commands().run(pip, env);
        }
        VenvScripts.makeRelocatable(app.resolve(".venv"));
        Map<String, String> runEnv = Map.of("PYTHONUNBUFFERED", "1", "MCP_HOST", "127.0.0.1", "FASTMCP_HOST", "127.0.0.1",
                "HOST", "127.0.0.1", "MCP_TRANSPORT", "streamable-http", "FASTMCP_TRANSPORT", "http");
        String entry = ENTRIES.stream().filter(e -> Files.isRegularFile(app.resolve(e))).findFirst().orElse(null);
        if (entry == null) {
            return BuildpackResult.noStart("no app.py, server.py or main.py", runEnv);
        }
        String port = "export MCP_PORT=\"$PORT\" FASTMCP_PORT=\"$PORT\"; ";
        NextMcpConfig config = NextMcpConfig.read(app);
        if (config != null || dependsOn(requirements, "nextmcp")) {
            describe(ctx, config);
            BundledFiles.write("mcp_http.py", app.resolve(LAUNCHER));
            return BuildpackResult.start(port + "exec .venv/bin/python " + LAUNCHER + " " + entry, runEnv)
                    .withProject(config == null ? null : ProjectInfo.of(config.name(), config.description()));
        }
        if (dependsOn(requirements, "fastmcp")) {
            return BuildpackResult.start(port + "exec .venv/bin/fastmcp run " + entry
                    + " --transport http --host 127.0.0.1 --port \"$PORT\"", runEnv);
        }
        return BuildpackResult.start(port + "exec .venv/bin/python " + entry, runEnv);
    }

    private static void describe(BuildContext ctx, NextMcpConfig config) {
        ctx.log().line("-----> NextMCP app" + (config != null && config.name() != null ? " '" + config.name() + "'" : "")
                + (config != null && config.description() != null ? ": " + config.description() : "")
                + "; started by the platform's launcher over Streamable HTTP on $PORT");
        if (config != null && !config.devServer().isEmpty()) {
            ctx.log().line("-----> " + NextMcpConfig.FILE + ": " + String.join(", ", config.devServer())
                    + " are development settings; instances serve Streamable HTTP on 127.0.0.1:$PORT instead");
        }
    }

    /** Whether a requirement line names {@code project} (PEP 503: case, '-', '_' and '.' do not matter). */
    static boolean dependsOn(List<String> requirements, String project) {
        return requirements.stream().map(r -> r.split("[\\s\\[<>=!~;@(]", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"))
                .anyMatch(project::equals);
    }

    /** Requirement lines of requirements.txt plus pyproject's [project] dependencies; comments and blanks dropped. */
    private static List<String> requirements(Path app) throws BuildFailure, IOException {
        List<String> out = new ArrayList<>();
        Path txt = app.resolve("requirements.txt");
        if (Files.isRegularFile(txt)) {
            try (Stream<String> lines = Files.lines(txt, StandardCharsets.UTF_8)) {
                lines.map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).forEach(out::add);
            }
        }
        out.addAll(pyprojectDependencies(app));
        return out;
    }

    /** Only the declared dependencies are installed, not the project itself: that would need a build backend from an index. */
    private static List<String> pyprojectDependencies(Path app) throws BuildFailure, IOException {
        Path file = app.resolve("pyproject.toml");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode deps;
        try {
            deps = new TomlMapper().readTree(file.toFile()).path("project").path("dependencies");
        } catch (IOException e) {
            throw new BuildFailure("pyproject.toml is not valid TOML: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        deps.forEach(d -> out.add(d.asText()));
        return out;
    }
}
