package cloud.nextmcp.build.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitExporterTest {
    @TempDir
    Path tmp;

    @Test
    void exportsTheCommitsFilesAndInsideSymlinksWithoutGitMetadata() throws Exception {
        Path bare = tmp.resolve("app.git");
        String sha = TestRepos.commit(bare, tmp, Map.of("server.py", "print('hi')", "lib/util.py", "X = 1",
                "current", "symlink:lib/util.py"));

        Path out = tmp.resolve("export");
        new CommitExporter().export(bare, sha, out);

        assertThat(Files.readString(out.resolve("server.py"))).isEqualTo("print('hi')");
        assertThat(Files.readString(out.resolve("lib/util.py"))).isEqualTo("X = 1");
        assertThat(Files.readSymbolicLink(out.resolve("current"))).isEqualTo(Path.of("lib/util.py"));
        assertThat(out.resolve(".git")).doesNotExist();
    }

    @Test
    void aPreviewRepositoryReadsItsParentsObjectsBesideAPushQuarantine() throws Exception {
        Path parent = tmp.resolve("parent.git");
        String sha = TestRepos.commit(parent, tmp, Map.of("server.py", "print('preview')"));
        Path preview = tmp.resolve("preview.git");
        org.eclipse.jgit.api.Git.init().setBare(true).setGitDir(preview.toFile()).call().close();
        Files.createDirectories(preview.resolve("objects/info"));
        Files.writeString(preview.resolve("objects/info/alternates"), parent.resolve("objects").toAbsolutePath() + "\n");
        Path quarantine = Files.createDirectories(parent.resolve("objects/incoming-test"));

        Path out = tmp.resolve("export");
        new CommitExporter().export(preview, java.util.Optional.of(quarantine), sha, out);

        assertThat(Files.readString(out.resolve("server.py"))).isEqualTo("print('preview')");
    }

    @Test
    void refusesSymlinksThatLeadOutOfTheApp() throws Exception {
        Path bare = tmp.resolve("evil.git");
        String outside = TestRepos.commit(bare, tmp, Map.of("server.py", "x", "passwd", "symlink:../../etc/passwd"));
        assertThatThrownBy(() -> new CommitExporter().export(bare, outside, tmp.resolve("e1")))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("symlink 'passwd' points outside the app");

        String absolute = TestRepos.commit(bare, tmp, Map.of("server.py", "x", "passwd", "symlink:/etc/passwd"));
        assertThatThrownBy(() -> new CommitExporter().export(bare, absolute, tmp.resolve("e2")))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("points outside the app");

        // Each link looks inside on its own; followed together they lead to the parent directory.
        String chained = TestRepos.commit(bare, tmp, Map.of("d/up", "symlink:..", "d/x", "x", "escape", "symlink:d/up/.."));
        assertThatThrownBy(() -> new CommitExporter().export(bare, chained, tmp.resolve("e3")))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("symlink 'escape' points outside the app");
    }
}
