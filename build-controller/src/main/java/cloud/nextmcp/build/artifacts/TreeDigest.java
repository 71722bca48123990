package cloud.nextmcp.build.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 over a directory tree: every entry's relative path, its kind, the executable bit, and a
 * file's content or a symlink's target, in a fixed order. Symlinks are never followed.
 */
final class TreeDigest {
    private TreeDigest() {
    }

    static String of(Path root, byte[] extra) throws IOException {
        MessageDigest manifest = sha256();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.filter(p -> !p.equals(root)).sorted().toList();
        }
        for (Path p : entries) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            String line;
            if (Files.isSymbolicLink(p)) {
                line = "l " + rel + " " + Files.readSymbolicLink(p);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                line = "d " + rel;
            } else {
                line = "f " + rel + (Files.isExecutable(p) ? " x " : " - ") + fileDigest(p);
            }
            manifest.update(line.getBytes(StandardCharsets.UTF_8));
            manifest.update((byte) '\n');
        }
        manifest.update(extra);
        return HexFormat.of().formatHex(manifest.digest());
    }

    private static String fileDigest(Path file) {
        MessageDigest d = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
