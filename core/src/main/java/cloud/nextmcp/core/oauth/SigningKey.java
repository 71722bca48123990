package cloud.nextmcp.core.oauth;

import java.time.Instant;

/** An ES256 key pair of the authorization server: the public key as X.509 DER, the private one sealed. */
public record SigningKey(String kid, byte[] publicKey, byte[] privateKeySealed, Instant createdAt, Instant retiresAt) {
}
