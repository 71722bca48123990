package cloud.nextmcp.server.domains;

import cloud.nextmcp.core.domains.DomainName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One DNS check of a domain: is the TXT token there (ownership), and does the name point at the
 * platform? Every negative answer says exactly what is wrong, in words a user can act on.
 */
public final class DomainCheck {
    /** The outcome; {@code reason} is null when nothing is wrong. */
    public record Outcome(boolean ownershipProven, boolean pointsAtPlatform, String reason) {
    }

    private final DnsLookup dns;
    private final String target;

    /** target: what the domain must point at (host name or IP), or null to not check. */
    public DomainCheck(DnsLookup dns, String target) {
        this.dns = dns;
        this.target = target;
    }

    public Outcome check(String hostname, String token) {
        String txtName = DomainName.challengeRecord(hostname);
        List<String> txt;
        try {
            txt = dns.txt(txtName);
        } catch (DnsLookup.DnsFailure e) {
            return new Outcome(false, false, e.getMessage());
        }
        if (!txt.contains(token)) {
            String reason = txt.isEmpty()
                    ? "TXT record not found at " + txtName + ": create it with the value " + token
                    : "TXT record at " + txtName + " is " + quoted(txt) + ", expected \"" + token + "\"";
            return new Outcome(false, false, reason);
        }
        String pointing = pointingProblem(hostname);
        return new Outcome(true, pointing == null, pointing);
    }

    /** Null when the name points at the target (or no target is configured), else what is wrong. */
    private String pointingProblem(String hostname) {
        if (target == null) {
            return null;
        }
        try {
            String cname = dns.cname(hostname);
            boolean targetIsAddress = isAddress(target);
            if (cname != null) {
                if (!targetIsAddress && cname.equals(target)) {
                    return null;
                }
                return "CNAME of " + hostname + " points at " + cname + ", expected " + target;
            }
            List<String> have = dns.addresses(hostname);
            Set<String> expected = new TreeSet<>(targetIsAddress ? List.of(target) : dns.addresses(target));
            if (have.isEmpty()) {
                return "no CNAME or A/AAAA record found for " + hostname + ": create "
                        + (targetIsAddress ? "an A/AAAA record with " : "a CNAME pointing at ") + target;
            }
            if (expected.isEmpty()) {
                return "the platform's target " + target + " has no A/AAAA records, so " + hostname
                        + " cannot be checked (ask the operator to fix domains.target)";
            }
            Set<String> wrong = new TreeSet<>(have);
            wrong.removeAll(expected);
            if (!wrong.isEmpty()) {
                return hostname + " resolves to " + String.join(", ", new ArrayList<>(new TreeSet<>(have))) + ", expected "
                        + (targetIsAddress ? target : "a CNAME to " + target + " (" + String.join(", ", expected) + ")");
            }
            return null;
        } catch (DnsLookup.DnsFailure e) {
            return e.getMessage();
        }
    }

    static boolean isAddress(String s) {
        return s.contains(":") || s.matches("[0-9.]+");
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
