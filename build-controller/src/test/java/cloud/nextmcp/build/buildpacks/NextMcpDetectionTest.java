package cloud.nextmcp.build.buildpacks;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.artifacts.LaunchSpec;
import cloud.nextmcp.build.artifacts.ProjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NextMCP and FastMCP apps: detection, the generated start command and environment. Build steps are recorded, not run. */
class NextMcpDetectionTest {
    private static final String LAUNCH = "export MCP_PORT=\"$PORT\" FASTMCP_PORT=\"$PORT\"; exec .venv/bin/python .nextmcp/mcp_http.py ";
    @TempDir
    Path tmp;
    private final List<String> output = new ArrayList<>();

    @Test
    void aNextmcpDependencyInRequirementsOrPyprojectMakesANextMcpApp() throws Exception {
        Path txt = write("r", "requirements.txt", "NextMCP[dev]>=0.5  # the framework\n");
        write("r", "server.py", "");
        LaunchSpec launch = build(txt);
        assertThat(launch.startCommand()).isEqualTo(LAUNCH + "server.py");
        assertThat(launch.env()).containsEntry("FASTMCP_TRANSPORT", "http").containsEntry("FASTMCP_HOST", "127.0.0.1");
        assertThat(launch.project()).as("no nextmcp.config.yaml, nothing to show").isNull();
        assertThat(txt.resolve(".nextmcp/mcp_http.py")).content().contains("def find_app");

        Path pyproject = write("p", "pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"nextmcp==0.6.0\"]\n");
        write("p", "app.py", "");
        assertThat(build(pyproject).startCommand()).isEqualTo(LAUNCH + "app.py");
    }

    @Test
    void aNextmcpConfigYamlAloneIsANextMcpAppAndItsDevelopmentServerSettingsAreOverriddenWithOneLine() throws Exception {
        Path app = write("c", "nextmcp.config.yaml", """
                name: blog-server
                description: A blog management MCP server
                server:
                  transport: stdio
                  port: 8000
                """);
        write("c", "server.py", "");
        LaunchSpec launch = build(app);
        assertThat(launch.buildpack()).isEqualTo("python");
        assertThat(launch.startCommand()).isEqualTo(LAUNCH + "server.py");
        assertThat(launch.project()).isEqualTo(new ProjectInfo("blog-server", "A blog management MCP server"));
        assertThat(output).contains("-----> NextMCP app 'blog-server': A blog management MCP server; started by the "
                        + "platform's launcher over Streamable HTTP on $PORT",
                "-----> nextmcp.config.yaml: server.transport, server.port are development settings; "
                        + "instances serve Streamable HTTP on 127.0.0.1:$PORT instead");
    }

    @Test
    void theNameAndDescriptionReachTheLaunchSpecAsOneLineOfBoundedLength() throws Exception {
        Path app = write("b", "nextmcp.config.yaml", "name: \"" + "n".repeat(150) + "\"\ndescription: |\n  first line\n  \tsecond\n");
        write("b", "server.py", "");
        ProjectInfo project = build(app).project();
        assertThat(project.name()).hasSize(ProjectInfo.NAME_MAX).endsWith("n…");
        assertThat(project.description()).isEqualTo("first line second");

        Path bare = write("e", "nextmcp.config.yaml", "server:\n  port: 8000\n");
        write("e", "server.py", "");
        assertThat(build(bare).project()).isNull();
        assertThat(ProjectInfo.of(null, "x".repeat(600)).description()).hasSize(ProjectInfo.DESCRIPTION_MAX);
    }

    @Test
    void fastmcpAppsRunThroughFastmcpRunAndOtherPackagesDoNotCount() throws Exception {
        Path app = write("f", "requirements.txt", "fastmcp>=2.12\n");
        write("f", "server.py", "");
        assertThat(build(app).startCommand()).endsWith("exec .venv/bin/fastmcp run server.py --transport http "
                + "--host 127.0.0.1 --port \"$PORT\"");
        assertThat(PythonBuildpack.dependsOn(List.of("nextmcp-tools==1"), "nextmcp")).isFalse();
        assertThat(PythonBuildpack.dependsOn(List.of("Next_MCP"), "next-mcp")).isTrue();
        assertThat(PythonBuildpack.dependsOn(List.of("nextmcp @ git+https://example.org/n.git"), "nextmcp")).isTrue();
    }

    private LaunchSpec build(Path app) throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache-" + app.getFileName()));
        return Buildpacks.standard().build(new BuildContext(app, cache, output::add, (argv, env) -> { }));
    }

    private Path write(String app, String file, String content) throws Exception {
        Path p = tmp.resolve(app).resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return tmp.resolve(app);
    }
}
