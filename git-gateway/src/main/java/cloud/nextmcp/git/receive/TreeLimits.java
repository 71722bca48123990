package cloud.nextmcp.git.receive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Refuses trees no build can check out: paths more than {@link #MAX_DEPTH} levels deep or a
 * path longer than {@link #MAX_PATH_BYTES}. Such trees made the build fail much later with a file
 * system error that showed host paths.
 */
public final class TreeLimits {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_PATH_BYTES = 1024;
    private static final int SHOWN = 60;

    private TreeLimits() {
    }

    /** Why the tree of {@code id} (a commit, or a tag of one) is refused; empty when it is within the limits. */
    public static Optional<String> check(Repository repository, AnyObjectId id) throws IOException {
        try (ObjectReader reader = repository.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            RevObject object = walk.peel(walk.parseAny(id));
            if (object.getType() != Constants.OBJ_COMMIT) {
                return Optional.empty();
            }
            RevCommit commit = (RevCommit) object;
            try (TreeWalk tree = new TreeWalk(reader)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(false);
                while (tree.next()) {
                    // getDepth() counts from 0 at the root, so an entry at depth d sits in d directories.
                    if (tree.getDepth() + 1 > MAX_DEPTH) {
                        return Optional.of("a path more than " + MAX_DEPTH + " levels deep ('"
                                + shown(tree.getPathString()) + "'); the limit is " + MAX_DEPTH);
                    }
                    if (tree.getPathLength() > MAX_PATH_BYTES) {
                        return Optional.of("a path of " + tree.getPathLength() + " bytes ('" + shown(tree.getPathString())
                                + "'); the limit is " + MAX_PATH_BYTES + " bytes");
                    }
                    if (tree.getFileMode(0) == FileMode.TREE) {
                        tree.enterSubtree();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static String shown(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= SHOWN ? path : path.substring(0, Math.min(path.length(), SHOWN)) + "…";
    }
}
