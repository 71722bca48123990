package cloud.nextmcp.core.sources;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed URLs of a build's source tarball on the git gateway: {@code <base>/source/<build id>.tar.gz
 * ?expires=<epoch s>&sig=<hex HMAC-SHA256>}. The builder signs (kpack fetches the URL from inside the cluster,
 * with no credentials of its own); the gateway checks. Both must hold the same key.
 */
public final class SourceUrls {
    public static final String PATH = "/source/";
    public static final String SUFFIX = ".tar.gz";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    public SourceUrls(byte[] key, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the source URL signing key must have at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** A URL of the build's source under {@code base} (the gateway's HTTP URL as the cluster reaches it), valid for {@code ttl}. */
    public String url(String base, long buildId, Duration ttl) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return base.replaceAll("/+$", "") + PATH + buildId + SUFFIX + "?expires=" + expires + "&sig=" + sign(buildId, expires);
    }

    /** True when {@code sig} was made by this key for this build and expiry, and the expiry has not passed. */
    public boolean valid(long buildId, long expires, String sig) {
        if (sig == null || clock.instant().getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(sign(buildId, expires).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long buildId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(("source:" + buildId + ":" + expires).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
