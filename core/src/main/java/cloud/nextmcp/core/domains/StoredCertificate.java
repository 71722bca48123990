package cloud.nextmcp.core.domains;

import java.time.Instant;

/** A domain's certificate as stored: chain and key PEM sealed with the master key ({@link CertificateDao#context}). */
public record StoredCertificate(long domainId, String hostname, byte[] chainSealed, byte[] keySealed, Instant notBefore,
                                Instant notAfter, boolean redirectHttp) {
}
