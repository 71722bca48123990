package cloud.nextmcp.cli.auth;

import cloud.nextmcp.cli.CliEnvironment;
import cloud.nextmcp.cli.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code credentials.json} in {@code $XDG_CONFIG_HOME/nextmcp} (or {@code ~/.config/nextmcp}).
 * The directory is 0700 and the file 0600 from the moment it exists: it is written to a
 * temporary file created with those permissions and moved into place.
 */
public final class CredentialsStore {

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final ObjectMapper json;

    public CredentialsStore(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    public static Path defaultDirectory(CliEnvironment environment) {
        Path base = environment.variable("XDG_CONFIG_HOME")
                .map(Path::of)
                .filter(Path::isAbsolute) // the XDG spec says relative values are to be ignored
                .orElse(environment.homeDirectory().resolve(".config"));
        return base.resolve("nextmcp");
    }

    public Path file() {
        return directory.resolve("credentials.json");
    }

    public Optional<Credentials> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Credentials.class));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "): delete it and run nextmcp login", e);
        }
    }

    public void save(Credentials credentials) {
        try {
            createPrivateDirectory();
            Path temporary = createPrivateFile(directory.resolve(".credentials.json.tmp"));
            Files.write(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(credentials));
            try {
                Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the stored credentials; false when there were none. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new CliException("cannot delete " + file() + ": " + e.getMessage(), e);
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (!posix(directory.getFileSystem().supportedFileAttributeViews())) {
            Files.createDirectories(directory);
            return;
        }
        if (Files.notExists(directory)) {
            Files.createDirectories(directory.getParent());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            } catch (FileAlreadyExistsException raced) {
                // Another nextmcp process created it at the same moment; tighten it below.
            }
        }
        Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
    }

    private static Path createPrivateFile(Path path) throws IOException {
        Files.deleteIfExists(path);
        if (!posix(path.getFileSystem().supportedFileAttributeViews())) {
            return Files.createFile(path);
        }
        Files.createFile(path, PosixFilePermissions.asFileAttribute(FILE_MODE));
        return Files.setPosixFilePermissions(path, FILE_MODE);
    }

    private static boolean posix(Set<String> views) {
        return views.contains("posix");
    }
}
