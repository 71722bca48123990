package cloud.nextmcp.core.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * An OpenSSH public key as found in {@code id_ed25519.pub} or {@code authorized_keys}: the type,
 * the wire-format blob, its size in bits, the comment and the SHA256 fingerprint that
 * {@code ssh-keygen -lf} prints ("SHA256:" + unpadded base64).
 */
public record SshPublicKey(String type, byte[] blob, int bits, String comment, String fingerprint) {
    public static final int MIN_RSA_BITS = 2048;
    private static final Map<String, String> ECDSA_CURVES = Map.of(
            "ecdsa-sha2-nistp256", "nistp256",
            "ecdsa-sha2-nistp384", "nistp384",
            "ecdsa-sha2-nistp521", "nistp521");
    private static final Map<String, Integer> ECDSA_BITS = Map.of("nistp256", 256, "nistp384", 384, "nistp521", 521);

    /** Parses one line; throws {@link InvalidKeyException} with a message a user can act on. */
    public static SshPublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new InvalidKeyException("the public key is empty");
        }
        String text = line.strip();
        if (text.startsWith("-----BEGIN")) {
            throw new InvalidKeyException("this looks like a private key or a PEM file; "
                    + "send the public key (the .pub file, one line starting with ssh-ed25519, ecdsa-sha2-… or ssh-rsa)");
        }
        String[] parts = text.split("\\s+", 3);
        if (parts.length < 2) {
            throw new InvalidKeyException("a public key is one line: '<type> <base64> [comment]'");
        }
        String type = parts[0];
        if (!type.equals("ssh-ed25519") && !type.equals("ssh-rsa") && !ECDSA_CURVES.containsKey(type)) {
            throw new InvalidKeyException("key type '" + type + "' is not accepted: use ssh-ed25519, "
                    + "ecdsa-sha2-nistp256/384/521 or ssh-rsa (at least " + MIN_RSA_BITS + " bits)");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("the key data is not valid base64");
        }
        String comment = parts.length == 3 ? parts[2].strip() : null;
        int bits = bitsOf(type, blob);
        return new SshPublicKey(type, blob, bits, comment, fingerprint(blob));
    }

    private static int bitsOf(String type, byte[] blob) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(blob);
            String inner = new String(readString(buf), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                throw new InvalidKeyException("the key data says '" + inner + "' but the line says '" + type + "'");
            }
            int bits;
            switch (type) {
                case "ssh-ed25519" -> {
                    byte[] key = readString(buf);
                    if (key.length != 32) {
                        throw new InvalidKeyException("an ssh-ed25519 key must hold 32 bytes, this one holds " + key.length);
                    }
                    bits = 256;
                }
                case "ssh-rsa" -> {
                    BigInteger e = new BigInteger(readString(buf));
                    BigInteger n = new BigInteger(readString(buf));
                    if (e.signum() <= 0 || n.signum() <= 0) {
                        throw new InvalidKeyException("the RSA key data is malformed");
                    }
                    bits = n.bitLength();
                    if (bits < MIN_RSA_BITS) {
                        throw new InvalidKeyException("RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has "
                                + bits + ". Make a new key with: ssh-keygen -t ed25519");
                    }
                }
                default -> {
                    String curve = new String(readString(buf), StandardCharsets.US_ASCII);
                    if (!curve.equals(ECDSA_CURVES.get(type))) {
                        throw new InvalidKeyException("the ECDSA key names curve '" + curve + "', expected " + ECDSA_CURVES.get(type));
                    }
                    byte[] point = readString(buf);
                    if (point.length == 0 || point[0] != 4) {
                        throw new InvalidKeyException("the ECDSA key point is malformed");
                    }
                    bits = ECDSA_BITS.get(curve);
                }
            }
            if (buf.hasRemaining()) {
                throw new InvalidKeyException("the key data has trailing bytes");
            }
            return bits;
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new InvalidKeyException("the key data is truncated or malformed");
        }
    }

    private static byte[] readString(ByteBuffer buf) {
        int len = buf.getInt();
        if (len < 0 || len > buf.remaining()) {
            throw new InvalidKeyException("the key data is truncated or malformed");
        }
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    /** "SHA256:" + unpadded base64 of SHA-256 over the wire blob, as OpenSSH prints it. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(blob);
    }

    /** The key as one authorized_keys line. */
    public String toLine() {
        return type + " " + base64() + (comment == null || comment.isEmpty() ? "" : " " + comment);
    }

    /** Thrown for a key line that cannot be accepted; the message is for the user. */
    public static final class InvalidKeyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidKeyException(String message) {
            super(message);
        }
    }
}
