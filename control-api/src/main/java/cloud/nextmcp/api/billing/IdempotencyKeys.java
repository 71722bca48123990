package cloud.nextmcp.api.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Idempotency keys of POSTs to Stripe, derived from what the request does: the same operation on
 * the same things gets the same key, so a retry after a timeout (ours or stripe-java's) returns
 * the first result instead of making a second customer, session or meter event.
 */
public final class IdempotencyKeys {
    private IdempotencyKeys() {
    }

    /** {@code nextmcp-<operation>-<base64url of SHA-256 over the operation and its parts>}. */
    public static String of(String operation, Object... parts) {
        StringBuilder canonical = new StringBuilder(operation);
        for (Object part : parts) {
            canonical.append('\u0000').append(part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "nextmcp-" + operation + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
