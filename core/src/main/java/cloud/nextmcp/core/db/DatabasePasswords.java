package cloud.nextmcp.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded PostgreSQL's passwords: the superuser's (used only at start-up, to set up the
 * platform's role) and the platform role's (used by the connection pool). Generated once and kept
 * in the data directory's {@code secrets/} (directory 0700, files 0600), so restarts reuse them.
 */
public record DatabasePasswords(String superuser, String platform) {
    static final String SUPERUSER_FILE = "postgres-superuser.password";
    static final String PLATFORM_FILE = "postgres-nextmcp.password";

    @Override
    public String toString() {
        return "DatabasePasswords[hidden]";
    }

    /** Reads the passwords kept in {@code secrets}, generating the missing ones. */
    public static DatabasePasswords in(Path secrets, SecureRandom random) {
        try {
            Files.createDirectories(secrets);
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
            return new DatabasePasswords(readOrCreate(secrets.resolve(SUPERUSER_FILE), random),
                    readOrCreate(secrets.resolve(PLATFORM_FILE), random));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the database passwords in " + secrets + ": "
                    + e.getMessage(), e);
        }
    }

    private static String readOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            String password = Files.readString(file).trim();
            if (password.isEmpty()) {
                throw new IllegalStateException("The password file " + file + " is empty; delete it only together with"
                        + " the embedded database, or write the database's password into it");
            }
            return password;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        // URL-safe base64 has no quote or backslash, so the password can sit in an SQL literal as is.
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, password + "\n");
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }
}
