package cloud.nextmcp.api.billing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code Stripe-Signature} header ({@code t=<unix seconds>,v1=<hex>[,v1=…]}) over the
 * raw request body: HMAC-SHA256 with the endpoint's signing secret of {@code t + "." + body}.
 * Any one {@code v1} may match (Stripe sends several while a secret is rolled); {@code t} must be
 * within the tolerance of now, so that a captured delivery cannot be replayed later.
 */
public final class StripeSignature {
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private final byte[] secret;
    private final Clock clock;

    public StripeSignature(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Why the header does not sign the body, or null when it does. */
    public String problem(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return "the Stripe-Signature header is missing";
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "the Stripe-Signature timestamp is not a number";
                }
            } else if (key.equals("v1")) {
                try {
                    signatures.add(HexFormat.of().parseHex(value));
                } catch (IllegalArgumentException e) {
                    // Not hex: cannot match; the others may.
                }
            }
        }
        if (timestamp == null) {
            return "the Stripe-Signature header has no timestamp";
        }
        if (signatures.isEmpty()) {
            return "the Stripe-Signature header has no v1 signature";
        }
        byte[] expected = sign(timestamp, body);
        boolean matched = false;
        for (byte[] signature : signatures) {
            matched |= MessageDigest.isEqual(expected, signature);
        }
        if (!matched) {
            return "no v1 signature matches the body; check billing.stripe.webhookSecret";
        }
        long age = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (age > TOLERANCE.toSeconds()) {
            return "the signature's timestamp is " + age + " s away from now (tolerance " + TOLERANCE.toSeconds() + " s)";
        }
        return null;
    }

    /** The v1 signature of {@code body} at {@code timestamp}. */
    byte[] sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
