package cloud.nextmcp.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPublicKeyTest {
    @TempDir
    Path dir;

    /** Generates a key with the real ssh-keygen and compares our fingerprint with the one it prints. */
    private void assertMatchesSshKeygen(String type, String bits, int expectedBits) throws Exception {
        Path key = dir.resolve("id_" + type + bits);
        run("ssh-keygen", "-q", "-t", type, "-b", bits, "-N", "", "-C", "alice@laptop", "-f", key.toString());
        String line = Files.readString(Path.of(key + ".pub"));
        String keygenFingerprint = run("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").split(" ")[1];

        SshPublicKey parsed = SshPublicKey.parse(line);

        assertThat(parsed.fingerprint()).isEqualTo(keygenFingerprint);
        assertThat(parsed.comment()).isEqualTo("alice@laptop");
        assertThat(parsed.bits()).isEqualTo(expectedBits);
        assertThat(parsed.toLine()).isEqualTo(line.strip());
    }

    @Test
    void ed25519MatchesSshKeygen() throws Exception {
        assertMatchesSshKeygen("ed25519", "256", 256);
    }

    @Test
    void ecdsaMatchesSshKeygen() throws Exception {
        assertMatchesSshKeygen("ecdsa", "384", 384);
    }

    @Test
    void rsa3072MatchesSshKeygen() throws Exception {
        assertMatchesSshKeygen("rsa", "3072", 3072);
    }

    @Test
    void shortRsaKeyIsRefusedWithAdvice() throws Exception {
        Path key = dir.resolve("id_rsa1024");
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "1024", "-N", "", "-f", key.toString());
        String line = Files.readString(Path.of(key + ".pub"));
        assertThatThrownBy(() -> SshPublicKey.parse(line))
                .hasMessageContaining("at least 2048 bits")
                .hasMessageContaining("1024");
    }

    @Test
    void malformedInputsAreRefusedWithClearMessages() {
        assertThatThrownBy(() -> SshPublicKey.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SshPublicKey.parse("-----BEGIN OPENSSH PRIVATE KEY-----")).hasMessageContaining("private key");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-dss AAAA")).hasMessageContaining("not accepted");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 !!!notbase64")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA=="))
                .hasMessageContaining("truncated");
        // An ed25519 blob announced as ssh-rsa.
        assertThatThrownBy(() -> SshPublicKey.parse(
                "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIIZ1a0Hn7DsSQO3ej1hDQgq8tVRhAg5kbN7YTBeQUnW7"))
                .hasMessageContaining("says 'ssh-ed25519'");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
