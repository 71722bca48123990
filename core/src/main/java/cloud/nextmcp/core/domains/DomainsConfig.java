package cloud.nextmcp.core.domains;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code domains} section: where custom domains must point, which DNS servers the verifier
 * asks, and how often it looks again. Durations are ISO-8601 ({@code PT30S}). Documented in
 * docs/configuration.md and docs/domains.md.
 *
 * @param target            what a domain's CNAME (or, for an apex, A/AAAA records) must point at: a host name
 *                          or an IP address; unset: not checked
 * @param resolvers         DNS servers ({@code host} or {@code host:port}, a list or one comma-separated string); empty: the system's
 * @param checkInterval     how often the verifier looks for domains due for a check
 * @param pendingRecheck    first re-check of a pending domain; doubles after each failed check
 * @param pendingRecheckMax the longest wait between checks of a pending domain
 * @param activeRecheck     how often a verified domain is checked again (daily by default)
 * @param txtGracePeriod    how long a verified domain's TXT record may be missing before it stops being served
 * @param dnsTimeout        one DNS query's timeout
 */
public record DomainsConfig(String target,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> resolvers, Duration checkInterval, Duration pendingRecheck,
                            Duration pendingRecheckMax, Duration activeRecheck, Duration txtGracePeriod,
                            Duration dnsTimeout) {

    public DomainsConfig {
        target = target == null || target.isBlank() ? null : target.trim().toLowerCase(java.util.Locale.ROOT);
        // One string "a, b" is accepted too, so one environment variable can list several resolvers.
        resolvers = resolvers == null ? List.of() : resolvers.stream().filter(Objects::nonNull)
                .flatMap(r -> Arrays.stream(r.split("[,\\s]+"))).filter(s -> !s.isEmpty()).toList();
        checkInterval = positive(checkInterval, Duration.ofSeconds(10), "checkInterval");
        pendingRecheck = positive(pendingRecheck, Duration.ofMinutes(1), "pendingRecheck");
        pendingRecheckMax = positive(pendingRecheckMax, Duration.ofHours(1), "pendingRecheckMax");
        activeRecheck = positive(activeRecheck, Duration.ofDays(1), "activeRecheck");
        txtGracePeriod = positive(txtGracePeriod, Duration.ofDays(3), "txtGracePeriod");
        dnsTimeout = positive(dnsTimeout, Duration.ofSeconds(5), "dnsTimeout");
        if (pendingRecheckMax.compareTo(pendingRecheck) < 0) {
            throw new IllegalArgumentException("domains.pendingRecheckMax (" + pendingRecheckMax
                    + ") must not be shorter than domains.pendingRecheck (" + pendingRecheck + ")");
        }
        for (String r : resolvers) {
            if (!r.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
                throw new IllegalArgumentException("domains.resolvers: '" + r + "' is not a host or host:port");
            }
        }
    }

    public static DomainsConfig defaults() {
        return new DomainsConfig(null, null, null, null, null, null, null, null);
    }

    /** The wait before the next check of a pending domain after {@code failures} failed checks. */
    public Duration backoff(int failures) {
        Duration d = pendingRecheck;
        for (int i = 0; i < failures && d.compareTo(pendingRecheckMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(pendingRecheckMax) > 0 ? pendingRecheckMax : d;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("domains." + name + " must be positive, got " + value);
        }
        return value;
    }
}
