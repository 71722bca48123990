package cloud.nextmcp.api.oauth;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.oauth.SigningKey;
import cloud.nextmcp.core.oauth.SigningKeyDao;
import cloud.nextmcp.core.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The authorization server's ES256 keys. Tokens are signed with the newest key; a new key is made
 * when the newest is older than {@code rotation}, and each key stays published (JWKS, routers)
 * until {@code rotation + tokenTtl + 1 h} after its creation, so every token it signed can still be verified.
 */
public final class SigningKeys {
    private static final byte[] CONTEXT = "oauth-signing-key".getBytes(StandardCharsets.UTF_8);

    /** The key to sign with. */
    public record Current(String kid, ECPrivateKey privateKey) {
    }

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Duration rotation;
    private final Duration publishFor;
    private final Clock clock;
    private volatile Current cached;
    private volatile java.time.Instant cachedCreatedAt;

    public SigningKeys(Jdbi jdbi, SecretBox box, Duration rotation, Duration tokenTtl, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.rotation = rotation;
        this.publishFor = rotation.plus(tokenTtl).plusHours(1);
        this.clock = clock;
    }

    public Current current() {
        Current c = cached;
        if (c != null && cachedCreatedAt.plus(rotation).isAfter(clock.instant())) {
            return c;
        }
        return jdbi.inTransaction(h -> {
            SigningKeyDao keys = h.attach(SigningKeyDao.class);
            keys.lock();
            SigningKey newest = keys.newest().filter(k -> k.createdAt().plus(rotation).isAfter(clock.instant())).orElse(null);
            if (newest == null) {
                newest = create(keys);
                // Routers must know the key before a token signed with it reaches them.
                EventBus.publish(h, Channels.ACCESS, "");
            }
            Current fresh = new Current(newest.kid(), privateKey(newest));
            cachedCreatedAt = newest.createdAt();
            cached = fresh;
            return fresh;
        });
    }

    /** The JSON Web Key Set of the published keys. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SigningKey k : jdbi.withHandle(h -> h.attach(SigningKeyDao.class).published())) {
            ECPublicKey pub = publicKey(k.publicKey());
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("kid", k.kid());
            jwk.put("use", "sig");
            jwk.put("alg", "ES256");
            jwk.put("x", coordinate(pub.getW().getAffineX()));
            jwk.put("y", coordinate(pub.getW().getAffineY()));
            out.add(jwk);
        }
        return Map.of("keys", out);
    }

    private SigningKey create(SigningKeyDao keys) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            keys.insert(kid, pair.getPublic().getEncoded(), box.seal(pair.getPrivate().getEncoded(), CONTEXT),
                    clock.instant().plus(publishFor));
            return keys.newest().orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make P-256 keys", e);
        }
    }

    private ECPrivateKey privateKey(SigningKey k) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(box.open(k.privateKeySealed(), CONTEXT)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("OAuth signing key " + k.kid() + " cannot be read", e);
        }
    }

    public static ECPublicKey publicKey(byte[] der) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An OAuth public key cannot be read", e);
        }
    }

    private static String coordinate(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
