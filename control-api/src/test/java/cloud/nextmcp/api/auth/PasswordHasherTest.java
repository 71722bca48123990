package cloud.nextmcp.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /**
     * Made by the reference implementation (Debian's {@code argon2} command):
     * {@code echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e}
     */
    private static final String REFERENCE =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM";

    /** Hands out the reference salt, so our hash of the same password must equal the reference string. */
    private static final class FixedSalt extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] salt = "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(salt, 0, bytes, 0, bytes.length);
        }
    }

    @Test
    void hashesLikeTheReferenceImplementationWithOwaspParameters() {
        assertThat(new PasswordHasher(new FixedSalt()).hash("correct horse battery staple")).isEqualTo(REFERENCE);
    }

    @Test
    void verifiesReferenceHashes() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        assertThat(hasher.verify("correct horse battery staple", REFERENCE)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", REFERENCE)).isFalse();
        assertThat(hasher.verify("correct horse battery staple", "$2a$10$notargon")).isFalse();
    }

    @Test
    void saltsEveryHash() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        String first = hasher.hash("pässwörd with ünïcode");
        String second = hasher.hash("pässwörd with ünïcode");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .isNotEqualTo(second);
        assertThat(hasher.verify("pässwörd with ünïcode", first)).isTrue();
        assertThat(hasher.verify("pässwörd with ünïcode", second)).isTrue();
        assertThat(hasher.verify("passwort with unicode", first)).isFalse();
    }
}
