package cloud.nextmcp.api.domains;

import cloud.nextmcp.core.domains.Domain;
import cloud.nextmcp.core.domains.DomainName;
import cloud.nextmcp.core.domains.DomainsConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom domain as the API shows it: its state, what is wrong, and the DNS records to create.
 *
 * @param state  {@code pending_ownership}, {@code pending_dns}, {@code pending_certificate}, {@code active} or {@code failing}
 * @param reason what to fix, or null when nothing is wrong
 */
public record DomainView(String hostname, String app, String state, String reason, boolean redirectHttp,
                         Instant verifiedAt, Instant certificateExpiresAt, Instant lastCheckedAt, Instant nextCheckAt,
                         List<DnsRecord> dnsRecords) {

    /** One record to create at the domain's DNS provider. */
    public record DnsRecord(String type, String name, String value, String purpose) {
    }

    static DomainView of(Domain d, DomainsConfig config) {
        String reason = d.reason();
        if (reason == null && d.lastCheckedAt() == null) {
            reason = "not checked yet: create the DNS records below, then run 'nextmcp domains verify " + d.hostname() + "'";
        }
        return new DomainView(d.hostname(), d.appName(), d.state().dbValue(), reason, d.redirectHttp(), d.verifiedAt(),
                d.certificateNotAfter(), d.lastCheckedAt(), d.nextCheckAt(), records(d.hostname(), d.token(), config.target()));
    }

    static List<DnsRecord> records(String hostname, String token, String target) {
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord("TXT", DomainName.challengeRecord(hostname), token, "proves you own the domain"));
        String pointTo = target == null ? "this platform's public address" : target;
        boolean ip = target != null && (target.contains(":") || target.matches("[0-9.]+"));
        if (ip) {
            records.add(new DnsRecord(target.contains(":") ? "AAAA" : "A", hostname, target, "sends the domain's traffic to the platform"));
        } else if (DomainName.looksLikeApex(hostname)) {
            records.add(new DnsRecord("A/AAAA", hostname, target == null ? "this platform's public IP addresses" : "the addresses of " + target,
                    "sends the domain's traffic to the platform (an apex domain cannot have a CNAME; ALIAS/ANAME works too)"));
        } else {
            records.add(new DnsRecord("CNAME", hostname, pointTo, "sends the domain's traffic to the platform"));
        }
        return records;
    }
}
