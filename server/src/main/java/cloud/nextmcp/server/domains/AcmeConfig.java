package cloud.nextmcp.server.domains;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code acme} section: where certificates for verified custom domains come from. Off while
 * {@code directoryUrl} is unset (domains are then served over HTTP only). Documented in
 * docs/configuration.md and docs/domains.md.
 *
 * @param directoryUrl    the ACME server's directory, e.g. Let's Encrypt's
 * @param email           the account's contact (expiry notices from the CA), optional
 * @param caCertificate   a PEM file with the CA of the ACME server's own TLS certificate, for test and private
 *                        ACME servers; unset: the JVM's trust store
 * @param renewBefore     renew this long before a certificate expires
 * @param checkInterval   how often the manager looks for domains due for a certificate
 * @param retry           the wait after a first failed order; doubles after each failure
 * @param retryMax        the longest wait between attempts
 * @param challengeDelay  the wait between publishing an HTTP-01 answer and asking the CA to check it, so every
 *                        router has loaded it
 * @param orderTimeout    how long one order may take
 * @param dnsUpdate       an RFC 2136 DNS server for the wildcard certificate's DNS-01 challenges; unset: the
 *                        operator supplies the wildcard certificate ({@code router.tls.certificates})
 */
public record AcmeConfig(String directoryUrl, String email, String caCertificate, Duration renewBefore,
                         Duration checkInterval, Duration retry, Duration retryMax, Duration challengeDelay,
                         Duration orderTimeout, DnsUpdateConfig dnsUpdate) {

    public AcmeConfig {
        directoryUrl = blankToNull(directoryUrl);
        email = blankToNull(email);
        caCertificate = blankToNull(caCertificate);
        renewBefore = positive(renewBefore, Duration.ofDays(30), "renewBefore");
        checkInterval = positive(checkInterval, Duration.ofSeconds(30), "checkInterval");
        retry = positive(retry, Duration.ofMinutes(5), "retry");
        retryMax = positive(retryMax, Duration.ofHours(6), "retryMax");
        challengeDelay = challengeDelay == null ? Duration.ofSeconds(1) : challengeDelay;
        orderTimeout = positive(orderTimeout, Duration.ofMinutes(2), "orderTimeout");
        if (directoryUrl != null) {
            String scheme = URI.create(directoryUrl).getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme)) {
                throw new IllegalArgumentException("acme.directoryUrl must be an https URL, e.g. "
                        + "https://acme-v02.api.letsencrypt.org/directory; got " + directoryUrl);
            }
        }
        if (email != null && !email.contains("@")) {
            throw new IllegalArgumentException("acme.email '" + email + "' is not an email address");
        }
    }

    public static AcmeConfig disabled() {
        return new AcmeConfig(null, null, null, null, null, null, null, null, null, null);
    }

    public boolean enabled() {
        return directoryUrl != null;
    }

    /** The wait before the next order after {@code failures} failed ones. */
    public Duration backoff(int failures) {
        Duration d = retry;
        for (int i = 0; i < failures && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("acme." + name + " must be positive, got " + value);
        }
        return value;
    }
}
