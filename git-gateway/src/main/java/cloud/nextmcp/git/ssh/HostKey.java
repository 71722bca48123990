package cloud.nextmcp.git.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The server's ed25519 host key, made on first start and kept (OpenSSH format, mode 600), so
 * clients' known_hosts entries stay valid across restarts.
 */
public final class HostKey {
    private final KeyPair keyPair;

    private HostKey(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    public static HostKey loadOrCreate(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                return new HostKey(load(file));
            }
            KeyPair generated = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(generated, "nextmcp-git-gateway", null, out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new HostKey(generated);
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not create or read the SSH host key " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair load(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("The SSH host key file " + file + " holds no key; delete it to make a new one");
            }
            return it.next();
        }
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** {@code SHA256:…}, as ssh-keygen -l and the client's first-connection prompt show it. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, keyPair.getPublic());
    }

    /** {@code ssh-ed25519 AAAA…}, the form known_hosts entries take. */
    public String publicKeyLine() {
        return PublicKeyEntry.toString(keyPair.getPublic());
    }
}
