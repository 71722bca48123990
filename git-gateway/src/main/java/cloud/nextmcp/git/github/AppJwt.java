package cloud.nextmcp.git.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.DERNull;

/**
 * The JWT a GitHub App signs to ask for installation tokens: RS256, issued a minute in the past
 * (clock drift), valid 9 minutes (GitHub allows 10). GitHub hands out keys as PKCS#1 PEM
 * ({@code BEGIN RSA PRIVATE KEY}); PKCS#8 is read too.
 */
final class AppJwt {
    private final String appId;
    private final PrivateKey key;
    private final Clock clock;

    AppJwt(String appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    static AppJwt load(String appId, Path pemFile, Clock clock) throws IOException {
        return new AppJwt(appId, readKey(Files.readString(pemFile, StandardCharsets.US_ASCII)), clock);
    }

    static PrivateKey readKey(String pem) throws IOException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            if (pkcs1) {
                der = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der)).getEncoded();
            }
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException("github.privateKeyFile is not an RSA private key in PEM form (the .pem GitHub generated "
                    + "for the app): " + e.getMessage(), e);
        }
    }

    String sign() {
        Instant now = clock.instant();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64Url("{\"iat\":" + (now.getEpochSecond() - 60) + ",\"exp\":" + (now.getEpochSecond() + 540)
                + ",\"iss\":\"" + appId + "\"}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the GitHub App JWT", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
