package cloud.nextmcp.core.domains;

import java.util.Locale;

/**
 * Where a custom domain stands. Ownership (the TXT record) comes first; only then is the name a
 * route, and only a verified name whose DNS points at the platform gets a certificate.
 */
public enum DomainState {
    /** The TXT record with the domain's token has not been seen: not routed, no certificate. */
    PENDING_OWNERSHIP,
    /** Ownership proven and routed, but the CNAME or A/AAAA records do not point at the platform yet. */
    PENDING_DNS,
    /** DNS points at the platform; the certificate is being ordered. */
    PENDING_CERTIFICATE,
    /** Served over HTTP and HTTPS with a valid certificate. */
    ACTIVE,
    /** Something needs fixing (the reason says what): a failed certificate order or renewal, a TXT record gone. */
    FAILING;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The words users see in lists ("pending ownership"). */
    public String label() {
        return dbValue().replace('_', ' ');
    }

    /** True once ownership is proven: the name routes to the app. */
    public boolean verified() {
        return this != PENDING_OWNERSHIP;
    }

    /**
     * The state of a domain whose ownership a DNS check just proved. {@code certificateValid}: an
     * unexpired certificate is stored; {@code certificateFailing}: its last order or renewal failed,
     * which only a new certificate clears.
     */
    public static DomainState afterDnsCheck(boolean ownershipProven, boolean pointsAtPlatform, boolean certificateValid,
                                            boolean certificateFailing) {
        if (!ownershipProven) {
            return PENDING_OWNERSHIP;
        }
        if (!pointsAtPlatform) {
            return PENDING_DNS;
        }
        if (certificateFailing) {
            return FAILING;
        }
        return certificateValid ? ACTIVE : PENDING_CERTIFICATE;
    }

    public static DomainState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
