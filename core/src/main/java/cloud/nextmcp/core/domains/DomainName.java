package cloud.nextmcp.core.domains;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Custom domain names as stored: case-folded, internationalized names in punycode (IDNA), no
 * trailing dot, a valid host name of at least two labels, and not under the platform's own apps domain.
 */
public final class DomainName {
    public static final String CHALLENGE_LABEL = "_nextmcp-challenge";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

    private DomainName() {
    }

    /** The canonical form of a domain someone typed, or {@link IllegalArgumentException} saying what is wrong. */
    public static String normalize(String input, String appsDomain) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("a domain name is required, e.g. mcp.example.com");
        }
        String raw = input.trim();
        if (raw.endsWith(".")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + input.trim() + "' is not a valid host name: " + e.getMessage());
        }
        String shown = "'" + input.trim() + "'";
        if (ascii.length() > 253) {
            throw new IllegalArgumentException(shown + " is longer than 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException(shown + " is not a fully qualified host name: use a name like mcp.example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(shown + " is not a valid host name: each label must be 1 to 63 "
                        + "letters, digits or '-', not starting or ending with '-'");
            }
        }
        if (ALL_DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException(shown + " is an IP address, not a host name");
        }
        String apps = appsDomain.toLowerCase(Locale.ROOT);
        if (ascii.equals(apps) || ascii.endsWith("." + apps)) {
            throw new IllegalArgumentException(shown + " is under the platform's apps domain " + apps
                    + ": those names belong to apps already");
        }
        return ascii;
    }

    /** The TXT record name that proves ownership: {@code _nextmcp-challenge.<domain>}. */
    public static String challengeRecord(String domain) {
        return CHALLENGE_LABEL + "." + domain;
    }

    /**
     * True for a name with two labels (example.com): a zone apex cannot have a CNAME, so it needs
     * A/AAAA records. Public suffixes with two labels (co.uk) are not known here, so this is a hint only.
     */
    public static boolean looksLikeApex(String domain) {
        return domain.chars().filter(c -> c == '.').count() == 1;
    }
}
