package cloud.nextmcp.build.builds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of one commit of a bare repository into an empty directory, without
 * {@code .git}. Refuses symlinks that point outside that directory and paths that would
 * escape it, so neither the export nor the build that follows can write elsewhere.
 */
public final class CommitExporter {

    /** Exports {@code commitSha} of {@code repository} into {@code target} (created; must not exist yet). */
    public void export(Path repository, String commitSha, Path target) throws BuildFailure, IOException {
        export(repository, Optional.empty(), commitSha, target);
    }

    /**
     * As {@link #export(Path, String, Path)}, for a commit whose push still waits: its objects are
     * in the push's quarantine until the push is accepted, so that directory is read as well.
     */
    public void export(Path repository, Optional<Path> quarantine, String commitSha, Path target)
            throws BuildFailure, IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(repository.toFile()).setMustExist(true);
        if (quarantine.isPresent()) {
            // JGit reads objects/info/alternates only when no alternate is given, so a preview's
            // borrowed parent objects are named again beside the quarantine.
            Path listed = repository.resolve("objects/info/alternates");
            if (Files.exists(listed)) {
                for (String line : Files.readAllLines(listed, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        builder.addAlternateObjectDirectory(repository.resolve("objects").resolve(line.strip()).toFile());
                    }
                }
            }
            builder.addAlternateObjectDirectory(quarantine.get().toFile());
        }
        try (Repository repo = builder.build();
             RevWalk walk = new RevWalk(repo);
             ObjectReader reader = repo.newObjectReader()) {
            ObjectId id = repo.resolve(commitSha + "^{commit}");
            if (id == null) {
                throw new BuildFailure("commit " + commitSha + " is not in the app's repository");
            }
            RevCommit commit = walk.parseCommit(id);
            try (TreeWalk tree = new TreeWalk(repo, reader)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    writeEntry(tree, reader, root);
                }
            }
        }
        refuseEscapingLinks(root);
    }

    /** A link that looks inside can still lead out through another link ({@code a -> b/..} with {@code b -> ..}). */
    private static void refuseEscapingLinks(Path root) throws BuildFailure, IOException {
        Path realRoot = root.toRealPath();
        List<Path> links;
        try (Stream<Path> walk = Files.walk(root)) {
            links = walk.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) {
            Path real;
            try {
                real = link.toRealPath();
            } catch (NoSuchFileException e) {
                continue; // dangling: it may name something the build creates
            }
            if (!real.startsWith(realRoot)) {
                throw new BuildFailure("symlink '" + root.relativize(link) + "' points outside the app; "
                        + "make it relative and inside the repository");
            }
        }
    }

    private static void writeEntry(TreeWalk tree, ObjectReader reader, Path root) throws BuildFailure, IOException {
        String name = tree.getPathString();
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root) || name.equals(".git") || name.startsWith(".git/")) {
            throw new BuildFailure("refusing path '" + name + "': it is outside the app's directory");
        }
        FileMode mode = tree.getFileMode(0);
        Files.createDirectories(path.getParent());
        if (!path.getParent().toRealPath().startsWith(root.toRealPath())) {
            throw new BuildFailure("refusing path '" + name + "': it leads through a symlink out of the app's directory");
        }
        if (mode == FileMode.GITLINK) {
            // Submodules are not fetched: the build sees an empty directory, as with a plain clone.
            Files.createDirectories(path);
        } else if (mode == FileMode.SYMLINK) {
            String target = new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            Path resolved = path.getParent().resolve(target).normalize();
            if (Path.of(target).isAbsolute() || !resolved.startsWith(root)) {
                throw new BuildFailure("symlink '" + name + "' points outside the app (to '" + target
                        + "'); make it relative and inside the repository");
            }
            Files.createSymbolicLink(path, Path.of(target));
        } else {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                reader.open(tree.getObjectId(0)).copyTo(out);
            }
            if (mode == FileMode.EXECUTABLE_FILE) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
