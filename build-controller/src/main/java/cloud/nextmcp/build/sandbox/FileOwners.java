package cloud.nextmcp.build.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Hands the directories a sandbox may write (a build's workspace, an app's cache) to the sandbox's user. */
final class FileOwners {
    private FileOwners() {
    }

    /** Makes {@code root} and everything under it owned by the user; links are changed themselves, never followed. */
    static void give(Path root, SandboxUser user) throws IOException {
        if (!user.switches() || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int uid = Math.toIntExact(user.uid());
        int gid = Math.toIntExact(user.gid());
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                own(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                own(file);
                return FileVisitResult.CONTINUE;
            }

            private void own(Path p) throws IOException {
                if (((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue() != uid) {
                    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                }
            }
        });
    }
}
