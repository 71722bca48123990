package cloud.nextmcp.core.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where zonky unpacks the PostgreSQL binaries it ships: {@code <working dir>/PG-<md5 of the
 * archive>}. The platform runs {@code postgres --single} and {@code pg_ctl} from there itself
 * (setting the superuser password before the server listens, restarting a server that died), which
 * zonky offers no hook for.
 */
final class PostgresBinaries {
    private final Path workingDirectory;
    private final Path directory;

    private PostgresBinaries(Path workingDirectory, Path directory) {
        this.workingDirectory = workingDirectory;
        this.directory = directory;
    }

    /** The binaries of the archive zonky resolves on this machine, unpacked under {@code workingDirectory}. */
    static PostgresBinaries of(Path workingDirectory) {
        String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch);
             DigestInputStream digesting = new DigestInputStream(archive, MessageDigest.getInstance("MD5"))) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
            String digest = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
            return new PostgresBinaries(workingDirectory, workingDirectory.resolve("PG-" + digest));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the PostgreSQL binaries shipped with the platform", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no MD5 digest", e);
        }
    }

    /** The directory zonky unpacks into; passed to zonky so both agree on it. */
    Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * The command line running {@code program} with {@code arguments} the way zonky runs it: as root,
     * inside a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
     */
    List<String> command(String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin(program).toString());
        command.addAll(arguments);
        return command;
    }

    /** A program from the unpacked {@code bin/}; exists once zonky has unpacked the archive. */
    private Path bin(String program) {
        Path path = directory.resolve("bin").resolve(program);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The PostgreSQL program " + program + " is missing from " + directory);
        }
        return path;
    }
}
