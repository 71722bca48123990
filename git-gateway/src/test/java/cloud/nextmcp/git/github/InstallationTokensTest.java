package cloud.nextmcp.git.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

class InstallationTokensTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aTokenIsReusedUntilItIsAboutToExpireThenRefreshed() throws Exception {
        List<String> asked = new ArrayList<>();
        InstallationTokens tokens = new InstallationTokens(repo -> {
            asked.add(repo);
            return new InstallationTokens.Token("ghs_" + asked.size(), now.get().plus(Duration.ofHours(1)));
        }, clock);
        assertThat(tokens.token("octo/weather")).isEqualTo("ghs_1");
        now.set(now.get().plus(Duration.ofMinutes(54)));
        assertThat(tokens.token("octo/weather")).as("6 minutes left").isEqualTo("ghs_1");
        assertThat(tokens.token("octo/other")).as("one token per repository").isEqualTo("ghs_2");
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(tokens.token("octo/weather")).as("4 minutes left: refreshed").isEqualTo("ghs_3");
        assertThat(asked).containsExactly("octo/weather", "octo/other", "octo/weather");
    }

    @Test
    void theAppJwtIsSignedWithAPkcs1KeyAsGithubHandsItOut() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
        assertThat(AppJwt.readKey(pem)).isInstanceOf(RSAPrivateCrtKey.class);

        String jwt = new AppJwt("12345", AppJwt.readKey(pem), clock).sign();
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        long t = now.get().getEpochSecond();
        assertThat(claims).contains("\"iss\":\"12345\"").contains("\"iat\":" + (t - 60)).contains("\"exp\":" + (t + 540));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes());
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }
}
