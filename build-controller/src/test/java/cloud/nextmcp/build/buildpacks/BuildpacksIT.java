package cloud.nextmcp.build.buildpacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.artifacts.LaunchSpec;
import cloud.nextmcp.build.builds.BuildFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildpacksIT {
    @TempDir
    Path tmp;
    private final List<String> output = new ArrayList<>();

    @Test
    void nothingDetectedSaysWhatWasLookedFor() throws Exception {
        Path app = write("app", "README.md", "hello");
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("no buildpack matched: looked for package.json (node), requirements.txt, pyproject.toml or nextmcp.config.yaml (python), "
                        + "pom.xml (java) at the top of the repository");
    }

    @Test
    void aStandardLibraryPythonAppGetsAVirtualenvThatStillWorksAfterItMoves() throws Exception {
        Path app = write("py", "requirements.txt", "# standard library only\n");
        write("py", "server.py", "print('ok')");

        LaunchSpec launch = build(app);

        assertThat(launch.buildpack()).isEqualTo("python");
        assertThat(launch.startCommand()).isEqualTo("export MCP_PORT=\"$PORT\" FASTMCP_PORT=\"$PORT\"; exec .venv/bin/python server.py");
        assertThat(launch.env()).containsEntry("MCP_TRANSPORT", "streamable-http").containsEntry("MCP_HOST", "127.0.0.1");
        Path moved = Files.move(app, tmp.resolve("moved"));
        Process p = new ProcessBuilder(".venv/bin/python", "-c", "import sys; print(sys.prefix)").directory(moved.toFile()).start();
        String prefix = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(Path.of(prefix)).isEqualTo(moved.resolve(".venv"));
    }

    @Test
    void nextmcpTomlWinsOverTheProcfileWhichWinsOverTheBuildpackDefault() throws Exception {
        Path app = write("p", "requirements.txt", "");
        write("p", "app.py", "");
        write("p", "Procfile", "worker: python jobs.py\nweb: python app.py --procfile\n");
        assertThat(build(app).startCommand()).isEqualTo("python app.py --procfile");

        Path configured = write("t", "requirements.txt", "");
        write("t", "Procfile", "web: python app.py --procfile\n");
        write("t", "nextmcp.toml", "start = \"python app.py --toml\"\nhealth_path = \"/health\"\n[env]\nGREETING = \"hi\"\n");
        LaunchSpec launch = build(configured);
        assertThat(launch.startCommand()).isEqualTo("python app.py --toml");
        assertThat(launch.healthPath()).isEqualTo("/health");
        assertThat(launch.env()).containsEntry("GREETING", "hi");
    }

    @Test
    void aMistakeInNextmcpTomlIsNamed() throws Exception {
        Path app = write("bad", "requirements.txt", "");
        write("bad", "nextmcp.toml", "strat = \"python app.py\"\n");
        assertThatThrownBy(() -> build(app)).hasMessage("nextmcp.toml: unknown key 'strat' (known: buildpack, start, transport, command, health_path, [env])");
    }

    @Test
    void nodeModulesAreInstalledOnceAndRestoredFromTheCacheWhileTheLockfileIsUnchanged() throws Exception {
        Path cache = tmp.resolve("cache");
        Path first = nodeApp("n1");
        LaunchSpec launch = build(first, cache);
        assertThat(output).contains("-----> Installing dependencies with npm ci");
        assertThat(first.resolve("node_modules/local-dep/index.js")).exists();
        assertThat(launch.startCommand()).isEqualTo("exec node server.js");

        output.clear();
        Path second = nodeApp("n2");
        build(second, cache);
        assertThat(output).contains("-----> Restoring node_modules from the cache (package-lock.json unchanged)")
                .noneMatch(l -> l.startsWith("$ npm ci"));
        assertThat(second.resolve("node_modules/local-dep/index.js")).exists();
    }

    private Path nodeApp(String name) throws Exception {
        write(name, "local-dep/package.json", "{\"name\":\"local-dep\",\"version\":\"1.0.0\"}");
        write(name, "local-dep/index.js", "module.exports = 42;");
        write(name, "server.js", "console.log(require('local-dep'))");
        write(name, "package-lock.json", """
                {"name":"n","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
                "":{"name":"n","version":"1.0.0","dependencies":{"local-dep":"file:local-dep"}},
                "local-dep":{"version":"1.0.0"},
                "node_modules/local-dep":{"resolved":"local-dep","link":true}}}
                """);
        return write(name, "package.json", """
                {"name":"n","version":"1.0.0","scripts":{"start":"node server.js"},"dependencies":{"local-dep":"file:local-dep"}}
                """);
    }

    private LaunchSpec build(Path app) throws Exception {
        return build(app, Files.createDirectories(tmp.resolve("cache-" + app.getFileName())));
    }

    private LaunchSpec build(Path app, Path cache) throws Exception {
        Files.createDirectories(cache);
        return Buildpacks.standard().build(new BuildContext(app, cache, output::add, new HostCommands(app, output)));
    }

    private Path write(String app, String file, String content) throws Exception {
        Path p = tmp.resolve(app).resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return tmp.resolve(app);
    }
}
