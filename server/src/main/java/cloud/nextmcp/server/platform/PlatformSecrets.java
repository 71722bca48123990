package cloud.nextmcp.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys the platform needs (the JWT signing key, the master key of encrypted config vars). A key
 * given in configuration wins; otherwise one is generated on first start and kept in the data
 * directory's {@code secrets/} (mode 0600), so a single node works with no set-up and keeps
 * sessions and secrets across restarts. Several replicas must share configured keys.
 */
public final class PlatformSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformSecrets.class);

    private final Path directory;
    private final SecureRandom random;

    public PlatformSecrets(Path directory, SecureRandom random) {
        this.directory = directory;
        this.random = random;
    }

    /** The configured base64 key if present, else the one kept in {@code <secrets>/<name>.key} (created if missing). */
    public String base64Key(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path file = directory.resolve(name + ".key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            byte[] key = new byte[32];
            random.nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            try {
                Files.writeString(file, encoded + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // Another replica on the same data directory wrote it first: use theirs, so both agree.
                return Files.readString(file).trim();
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.info("Generated {} key in {} (set it in the configuration to share it between replicas)", name, file);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the " + name + " key in " + file, e);
        }
    }
}
