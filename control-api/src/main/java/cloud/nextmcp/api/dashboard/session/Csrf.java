package cloud.nextmcp.api.dashboard.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to a session: an HMAC of the session's refresh-token hash under the server's
 * key. Nothing to store, and a token taken from one session is worthless in another. Another site
 * cannot read the page that carries it, so it cannot send it.
 */
public final class Csrf {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PURPOSE = "nextmcp-dashboard-csrf:";

    private final SecretKeySpec key;

    public Csrf(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public String tokenFor(byte[] sessionHash) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] tag = mac.doFinal((PURPOSE + HexFormat.of().formatHex(sessionHash)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code presented} is the token of the session; compared in constant time. */
    public boolean matches(byte[] sessionHash, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(sessionHash).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
