package cloud.nextmcp.build.sandbox;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nftables ruleset loaded into every sandbox's network namespace before its process starts.
 * Its own loopback is always allowed; with outbound access, anything on the internet is too,
 * except loopback, private, shared, link-local (the cloud metadata service, 169.254.169.254 and
 * fd00:ec2::254), multicast and reserved ranges and the host's own networks. The only exception
 * is DNS to {@link #DNS_ADDRESS}, which pasta forwards to the host's resolver. Without outbound
 * access every packet that would leave the sandbox is dropped.
 */
public final class EgressRules {
    /** Where sandboxes send DNS queries; pasta maps it to the host's first resolver. */
    public static final String DNS_ADDRESS = "169.254.0.53";

    static final List<String> BLOCKED_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3");
    static final List<String> BLOCKED_V6 = List.of("::/127", "::ffff:0:0/96", "64:ff9b::/96", "100::/64",
            "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8");

    private final List<String> hostNetworksV4;
    private final List<String> hostNetworksV6;

    EgressRules(List<String> hostNetworksV4, List<String> hostNetworksV6) {
        this.hostNetworksV4 = List.copyOf(hostNetworksV4);
        this.hostNetworksV6 = List.copyOf(hostNetworksV6);
    }

    /** Rules that also block every network this host has an address in. */
    public static EgressRules forThisHost() {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress().isLoopbackAddress()) {
                        continue;
                    }
                    (a.getAddress() instanceof Inet4Address ? v4 : v6).add(network(a.getAddress(), a.getNetworkPrefixLength()));
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("Could not list this host's network addresses: " + e.getMessage(), e);
        }
        return new EgressRules(v4, v6);
    }

    /** The ruleset, in nft's own syntax ({@code nft -f -}). */
    public String ruleset(boolean outbound) {
        StringBuilder b = new StringBuilder()
                .append("table inet nextmcp {\n")
                .append("  chain output {\n")
                .append("    type filter hook output priority 0; policy ").append(outbound ? "accept" : "drop").append(";\n")
                .append("    oifname \"lo\" accept\n");
        if (outbound) {
            b.append("    ip daddr ").append(DNS_ADDRESS).append(" udp dport 53 accept\n")
                    .append("    ip daddr ").append(set(BLOCKED_V4, hostNetworksV4)).append(" reject\n")
                    .append("    ip6 daddr ").append(set(BLOCKED_V6, hostNetworksV6)).append(" reject\n");
        }
        return b.append("  }\n}\n").toString();
    }

    private static String set(List<String> fixed, List<String> host) {
        Set<String> all = new LinkedHashSet<>(fixed);
        all.addAll(host);
        return "{ " + String.join(", ", all) + " }";
    }

    /** {@code 192.0.2.7/24} → {@code 192.0.2.0/24}: nft refuses prefixes with host bits set. */
    static String network(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress().replaceAll("%.*$", "") + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("unreachable: a byte array of a valid length", e);
        }
    }
}
