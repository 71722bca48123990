package cloud.nextmcp.server.domains;

import java.util.Base64;

/**
 * {@code acme.dnsUpdate}: an authoritative DNS server that accepts RFC 2136 dynamic updates signed
 * with a TSIG key, for the DNS-01 challenges of the wildcard certificate {@code *.<apps-domain>}.
 *
 * @param server    {@code host} or {@code host:port} of the primary server
 * @param zone      the zone to update (the apps domain or a parent of it)
 * @param keyName   the TSIG key's name
 * @param algorithm the TSIG algorithm, {@code hmac-sha256} by default
 * @param secret    the TSIG key, base64
 */
public record DnsUpdateConfig(String server, String zone, String keyName, String algorithm, String secret) {
    public DnsUpdateConfig {
        algorithm = algorithm == null || algorithm.isBlank() ? "hmac-sha256" : algorithm.trim();
        if (server == null || server.isBlank() || zone == null || zone.isBlank() || keyName == null || keyName.isBlank()
                || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("acme.dnsUpdate needs server, zone, keyName and secret (the TSIG key, base64)");
        }
        try {
            Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("acme.dnsUpdate.secret is not base64: " + e.getMessage(), e);
        }
    }
}
