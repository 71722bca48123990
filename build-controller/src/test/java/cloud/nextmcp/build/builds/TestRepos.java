package cloud.nextmcp.build.builds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/** Bare app repositories with real commits, as the git gateway leaves them after a push. */
public final class TestRepos {
    private TestRepos() {
    }

    /** Commits {@code files} (path → content; a value starting with "symlink:" makes a symlink) to {@code bare}'s main branch. */
    public static String commit(Path bare, Path scratch, Map<String, String> files) throws Exception {
        if (!Files.exists(bare)) {
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        }
        Path work = Files.createTempDirectory(scratch, "work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = work.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                if (f.getValue().startsWith("symlink:")) {
                    Files.createSymbolicLink(p, Path.of(f.getValue().substring("symlink:".length())));
                } else {
                    Files.writeString(p, f.getValue());
                }
            }
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage("test").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toURL())).call();
            git.push().setRemote("origin").setForce(true).setRefSpecs(new RefSpec("main:" + Constants.R_HEADS + "main")).call();
            return commit.name();
        }
    }

    /** Commits a directory tree (e.g. one of the examples). */
    public static String commitDirectory(Path bare, Path scratch, Path source) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(source)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = source.relativize(p).toString();
                if (!rel.startsWith("node_modules/") && !rel.startsWith("target/") && !rel.contains("__pycache__")) {
                    files.put(rel, Files.readString(p));
                }
            }
        }
        return commit(bare, scratch, files);
    }
}
