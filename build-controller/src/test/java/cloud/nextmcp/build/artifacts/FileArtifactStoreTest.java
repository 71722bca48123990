package cloud.nextmcp.build.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.config.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArtifactStoreTest {
    @TempDir
    Path tmp;

    @Test
    void theSameBuildOutputIsStoredOnceUnderItsDigestAndFoundAgain() throws Exception {
        FileArtifactStore store = new FileArtifactStore(new DataDirectory(tmp.resolve("data")));
        LaunchSpec launch = new LaunchSpec("node", "exec node server.js", "/health", Map.of("NODE_ENV", "production"), null);

        Artifact first = store.store(app("one", "console.log(1)"), launch);
        Artifact again = store.store(app("two", "console.log(1)"), launch);

        assertThat(first.digest()).matches("[0-9a-f]{64}").isEqualTo(again.digest());
        assertThat(first.directory()).isEqualTo(tmp.resolve("data/artifacts").resolve(first.digest()));
        assertThat(Files.readString(first.directory().resolve("server.js"))).isEqualTo("console.log(1)");
        assertThat(Files.readSymbolicLink(first.directory().resolve("link"))).isEqualTo(Path.of("server.js"));
        assertThat(tmp.resolve("one")).doesNotExist();
        assertThat(tmp.resolve("two")).doesNotExist();
        assertThat(store.find(first.digest())).contains(first);
        assertThat(first.startCommand()).isEqualTo("exec node server.js");
        assertThat(first.env()).containsEntry("NODE_ENV", "production");
    }

    @Test
    void otherContentOrOtherLaunchSettingsMakeAnotherArtifact() throws Exception {
        FileArtifactStore store = new FileArtifactStore(new DataDirectory(tmp.resolve("data")));
        LaunchSpec launch = new LaunchSpec("node", "exec node server.js", null, Map.of(), null);

        String base = store.store(app("a", "v1"), launch).digest();
        String changedCode = store.store(app("b", "v2"), launch).digest();
        String changedStart = store.store(app("c", "v1"), new LaunchSpec("node", "npm start", null, Map.of(), null)).digest();

        assertThat(changedCode).isNotEqualTo(base);
        assertThat(changedStart).isNotEqualTo(base).isNotEqualTo(changedCode);
        assertThat(store.find("0".repeat(64))).isEmpty();
        assertThat(store.find("../etc")).isEmpty();
    }

    @Test
    void aProjectsNameAndDescriptionAreKeptWithTheArtifactAndLeftOutOfTheMetadataOfOthers() throws Exception {
        FileArtifactStore store = new FileArtifactStore(new DataDirectory(tmp.resolve("data")));
        ProjectInfo project = new ProjectInfo("blog-server", "A blog management MCP server");
        Artifact stored = store.store(app("p", "v1"), new LaunchSpec("python", "exec app", null, Map.of(), project));
        Artifact other = store.store(app("q", "v1"), new LaunchSpec("node", "exec node server.js", null, Map.of(), null));

        assertThat(store.find(stored.digest()).orElseThrow().project()).isEqualTo(project);
        assertThat(store.find(other.digest()).orElseThrow().project()).isNull();
        assertThat(tmp.resolve("data/artifacts/" + other.digest() + ".json")).content().doesNotContain("project");
    }

    private Path app(String name, String code) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("lib"));
        Files.writeString(tmp.resolve(name).resolve("server.js"), code);
        Files.writeString(dir.resolve("util.js"), "module.exports = {}");
        Files.createSymbolicLink(tmp.resolve(name).resolve("link"), Path.of("server.js"));
        return tmp.resolve(name);
    }
}
