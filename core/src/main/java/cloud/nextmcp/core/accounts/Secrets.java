package cloud.nextmcp.core.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Random bearer secrets and their stored form (SHA-256; the secrets have 238 bits of entropy, so no salt is needed). */
public final class Secrets {
    public static final String API_TOKEN_PREFIX = "nmcp_";
    public static final String REFRESH_TOKEN_PREFIX = "nmcr_";
    public static final String INVITATION_PREFIX = "nmci_";
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int LENGTH = 40;

    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = random;
    }

    public String newApiToken() {
        return API_TOKEN_PREFIX + randomString();
    }

    public String newRefreshToken() {
        return REFRESH_TOKEN_PREFIX + randomString();
    }

    /** The secret of a team invitation link. */
    public String newInvitationCode() {
        return INVITATION_PREFIX + randomString();
    }

    private String randomString() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What listings show of a token: enough to recognise it, useless to use it. */
    public static String displayPrefix(String token) {
        return token.substring(0, Math.min(token.length(), API_TOKEN_PREFIX.length() + 6));
    }
}
