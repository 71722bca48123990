package cloud.nextmcp.deploy.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distroless-style root: the shared libraries a jlinked JVM loads, taken from Debian's installed
 * packages (the list dpkg keeps of each package's files, so no download is needed), CA certificates,
 * time zones, and passwd/group naming one non-root user. No shell, no package manager.
 */
final class BaseRoot {
    /** glibc, libgcc and libstdc++ (libjvm links them), zlib (java.util.zip), CA certificates and time zones. */
    static final List<String> PACKAGES = List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g", "ca-certificates", "tzdata");
    private static final List<String> SKIPPED = List.of("/usr/share/doc", "/usr/share/man", "/usr/share/lintian",
            "/usr/share/locale", "/usr/share/info", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/libexec",
            "/usr/share/bug", "/etc/ld.so.conf.d", "/usr/lib/x86_64-linux-gnu/gconv", "/usr/lib/aarch64-linux-gnu/gconv");
    /** Files of the image's start, so layers are reproducible. */
    private static final Instant EPOCH = Instant.ofEpochSecond(1);

    private final Path output;
    private final int user;

    BaseRoot(Path output, int user) {
        this.output = output;
        this.user = user;
    }

    Path build() throws IOException, InterruptedException {
        JreImage.delete(output);
        Files.createDirectories(output);
        for (String pkg : PACKAGES) {
            for (String file : installedFiles(pkg)) {
                copy(Path.of(file));
            }
        }
        // The bundle update-ca-certificates generates from the package's certificates (dpkg does not list it).
        copy(Path.of("/etc/ssl/certs/ca-certificates.crt"));
        write("etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnextmcp:x:" + user + ":" + user
                + ":nextmcp:/var/lib/nextmcp:/sbin/nologin\n");
        write("etc/group", "root:x:0:\nnextmcp:x:" + user + ":\n");
        write("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
        Files.createDirectories(output.resolve("tmp"));
        Files.createDirectories(output.resolve("var/lib/nextmcp"));
        Files.createDirectories(output.resolve("etc/nextmcp"));
        return output;
    }

    private static List<String> installedFiles(String pkg) throws IOException, InterruptedException {
        Process dpkg = new ProcessBuilder("dpkg-query", "-L", pkg).redirectErrorStream(true).start();
        String out = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dpkg.waitFor(30, TimeUnit.SECONDS) || dpkg.exitValue() != 0) {
            throw new IllegalStateException("Debian package " + pkg + " is not installed (apt-get install " + pkg + "): " + out);
        }
        return out.lines().filter(l -> l.startsWith("/")).filter(l -> SKIPPED.stream().noneMatch(l::startsWith)).toList();
    }

    /** Regular files and symbolic links to them; jib layers hold no links, so a link becomes a copy of its target. */
    private void copy(Path file) throws IOException {
        if (!Files.isRegularFile(file) || file.toString().contains("/gconv/")) {
            return;
        }
        Path target = output.resolve(file.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private void write(String relative, String text) throws IOException {
        Path target = output.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }

    /** One layer holding {@code source} (a file or a directory tree) at {@code into}, owned by root, reproducible. */
    static FileEntriesLayer layer(String name, Path source, AbsoluteUnixPath into) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        if (Files.isRegularFile(source)) {
            layer.addEntry(source, into, FilePermissions.fromOctalString("644"), EPOCH);
            return layer.build();
        }
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.filter(p -> !p.equals(source)).sorted().toList()) {
                AbsoluteUnixPath at = into.resolve(source.relativize(p).toString());
                boolean directory = Files.isDirectory(p);
                String mode = directory ? "755" : executable(p) ? "755" : "644";
                layer.addEntry(p, at, FilePermissions.fromOctalString(mode), EPOCH, ownerOf(at));
            }
        }
        return layer.build();
    }

    /** The platform's user owns its data directory and /tmp (a cluster mounts volumes there); root owns the rest. */
    private static String ownerOf(AbsoluteUnixPath at) {
        String path = at.toString();
        return path.equals("/tmp") || path.equals("/var/lib/nextmcp") ? PlatformImage.USER + ":" + PlatformImage.USER : "0:0";
    }

    private static boolean executable(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return perms.contains(PosixFilePermission.OWNER_EXECUTE) || PosixFilePermissions.toString(perms).contains("x");
    }
}
