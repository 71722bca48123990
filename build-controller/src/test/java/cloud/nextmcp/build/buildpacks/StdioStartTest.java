package cloud.nextmcp.build.buildpacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.artifacts.LaunchSpec;
import cloud.nextmcp.build.builds.BuildFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which start commands are stdio MCP servers, and how they are wrapped in the bridge. Build steps are recorded, not run. */
class StdioStartTest {
    private static final String BRIDGE = "exec node .nextmcp/stdio-bridge.mjs";
    private static final String LOCK = """
            {"name":"s","lockfileVersion":3,"requires":true,"packages":{"":{"name":"s"},
            "node_modules/@modelcontextprotocol/server-everything":{"version":"2026.8.31"}}}
            """;
    @TempDir
    Path tmp;
    private final List<String> output = new ArrayList<>();
    private final List<List<String>> steps = new ArrayList<>();

    @Test
    void aCommandInNextmcpTomlIsRunBehindTheBridgeOncePerSession() throws Exception {
        Path app = write("a", "requirements.txt", "");
        write("a", "nextmcp.toml", "command = \"python3 server.py --stdio\"\n");

        LaunchSpec launch = build(app);

        assertThat(launch.startCommand()).isEqualTo(BRIDGE);
        assertThat(launch.env()).containsEntry("NEXTMCP_STDIO_COMMAND", "python3 server.py --stdio");
        assertThat(app.resolve(".nextmcp/stdio-bridge.mjs")).content().contains("Streamable HTTP");
        assertThat(output).contains("-----> stdio MCP server (nextmcp.toml command): python3 server.py --stdio");
    }

    @Test
    void transportStdioMakesTheStartCommandAStdioServerAndAProcfileStdioLineIsOne() throws Exception {
        Path declared = write("t", "requirements.txt", "");
        write("t", "nextmcp.toml", "transport = \"stdio\"\nstart = \"python3 server.py\"\n");
        assertThat(build(declared).env()).containsEntry("NEXTMCP_STDIO_COMMAND", "python3 server.py");

        Path procfile = write("p", "requirements.txt", "");
        write("p", "Procfile", "stdio: python3 tools.py\n");
        LaunchSpec launch = build(procfile);
        assertThat(launch.startCommand()).isEqualTo(BRIDGE);
        assertThat(launch.env()).containsEntry("NEXTMCP_STDIO_COMMAND", "python3 tools.py");

        Path web = write("w", "requirements.txt", "");
        write("w", "Procfile", "web: python3 app.py\nstdio: python3 tools.py\n");
        assertThat(build(web).startCommand()).isEqualTo("python3 app.py");
    }

    @Test
    void aPackageWhoseBinIsAnMcpServerIsBridgedUnlessTransportIsHttp() throws Exception {
        Path app = write("n", "package.json", """
                {"name":"@acme/weather-mcp","bin":{"weather-mcp":"dist/cli.js"},
                 "dependencies":{"@modelcontextprotocol/sdk":"^1.20.0"}}
                """);
        write("n", "dist/cli.js", "");
        LaunchSpec launch = build(app);
        assertThat(launch.startCommand()).isEqualTo(BRIDGE);
        assertThat(launch.env()).containsEntry("NEXTMCP_STDIO_COMMAND", "exec node dist/cli.js");

        write("n", "nextmcp.toml", "transport = \"http\"\n");
        assertThat(build(app).startCommand()).isEqualTo("exec node dist/cli.js");
    }

    @Test
    void npxRunsOnlyAPackageTheLockfileHolds() throws Exception {
        Path bare = write("bare", "nextmcp.toml", "command = \"npx -y @modelcontextprotocol/server-everything stdio\"\n");
        assertThatThrownBy(() -> build(bare)).isInstanceOf(BuildFailure.class).hasMessage(
                "the start command runs 'npx @modelcontextprotocol/server-everything', but the repository has no "
                        + "package-lock.json: npx would download it at every start. Run 'npm install "
                        + "@modelcontextprotocol/server-everything' and commit package.json and package-lock.json, "
                        + "so every build runs the same code");

        Path other = write("other", "package.json", "{\"name\":\"s\"}");
        write("other", "package-lock.json", LOCK);
        write("other", "nextmcp.toml", "command = \"npx -y some-other-server@1.0\"\n");
        assertThatThrownBy(() -> build(other)).hasMessageContaining("package-lock.json does not list some-other-server:");

        Path locked = write("locked", "package.json", "{\"name\":\"s\"}");
        write("locked", "package-lock.json", LOCK);
        write("locked", "nextmcp.toml", "command = \"npx -y @modelcontextprotocol/server-everything stdio\"\n");
        assertThat(build(locked).env())
                .containsEntry("NEXTMCP_STDIO_COMMAND", "npx -y @modelcontextprotocol/server-everything stdio");
        assertThat(steps).contains(List.of("npm", "ci", "--no-progress"));
    }

    @Test
    void npxPackagesAreReadLikeNpxReadsThem() {
        assertThat(NpxPackages.packages("npx -y @scope/srv@1.2.3 stdio")).containsExactly("@scope/srv@1.2.3");
        assertThat(NpxPackages.packages("exec npx --package=a -p b run-it")).containsExactly("a", "b");
        assertThat(NpxPackages.packages("node server.js")).isEmpty();
        assertThat(NpxPackages.nameOf("@scope/srv@1.2.3")).isEqualTo("@scope/srv");
        assertThat(NpxPackages.nameOf("srv@latest")).isEqualTo("srv");
    }

    @Test
    void contradictoryNextmcpTomlSettingsAreRefused() throws Exception {
        Path both = write("both", "requirements.txt", "");
        write("both", "nextmcp.toml", "command = \"a\"\nstart = \"b\"\n");
        assertThatThrownBy(() -> build(both)).hasMessage("nextmcp.toml: set either start (a command serving HTTP on $PORT) "
                + "or command (a stdio MCP server), not both");

        Path transport = write("tr", "requirements.txt", "");
        write("tr", "nextmcp.toml", "transport = \"sse\"\n");
        assertThatThrownBy(() -> build(transport)).hasMessage("nextmcp.toml: transport must be \"http\" or \"stdio\", got 'sse'");
    }

    private LaunchSpec build(Path app) throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache-" + app.getFileName()));
        return Buildpacks.standard().build(new BuildContext(app, cache, output::add, (argv, env) -> steps.add(argv)));
    }

    private Path write(String app, String file, String content) throws Exception {
        Path p = tmp.resolve(app).resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return tmp.resolve(app);
    }
}
