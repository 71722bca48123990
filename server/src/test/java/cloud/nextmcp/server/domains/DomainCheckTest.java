package cloud.nextmcp.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a DNS check concludes and says, from the records a resolver answers. */
class DomainCheckTest {
    private static final String TOKEN = "nextmcp-verify=abc";

    /** Answers from maps instead of a DNS server. */
    private static final class FakeDns extends DnsLookup {
        final Map<String, List<String>> txt = new HashMap<>();
        final Map<String, String> cname = new HashMap<>();
        final Map<String, List<String>> addresses = new HashMap<>();
        boolean down;

        FakeDns() {
            super(List.of("127.0.0.1"), Duration.ofSeconds(1));
        }

        @Override
        public List<String> txt(String name) throws DnsFailure {
            if (down) {
                throw new DnsFailure("DNS lookup of TXT " + name + " failed: timed out", null);
            }
            return txt.getOrDefault(name, List.of());
        }

        @Override
        public String cname(String name) {
            return cname.get(name);
        }

        @Override
        public List<String> addresses(String name) {
            return addresses.getOrDefault(name, List.of());
        }
    }

    @Test
    void aMissingOrWrongTxtRecordIsNamedWithTheValueToSet() {
        FakeDns dns = new FakeDns();
        DomainCheck check = new DomainCheck(dns, "edge.nextmcp.test");
        DomainCheck.Outcome missing = check.check("mcp.example.com", TOKEN);
        assertThat(missing.ownershipProven()).isFalse();
        assertThat(missing.reason()).isEqualTo("TXT record not found at _nextmcp-challenge.mcp.example.com: create it with the value " + TOKEN);
        dns.txt.put("_nextmcp-challenge.mcp.example.com", List.of("nextmcp-verify=old"));
        assertThat(check.check("mcp.example.com", TOKEN).reason())
                .isEqualTo("TXT record at _nextmcp-challenge.mcp.example.com is \"nextmcp-verify=old\", expected \"" + TOKEN + "\"");
        dns.down = true;
        assertThat(check.check("mcp.example.com", TOKEN).reason()).contains("failed: timed out");
    }

    @Test
    void aCnameMustNameTheTarget() {
        FakeDns dns = new FakeDns();
        dns.txt.put("_nextmcp-challenge.mcp.example.com", List.of("other", TOKEN));
        DomainCheck check = new DomainCheck(dns, "edge.nextmcp.test");
        dns.cname.put("mcp.example.com", "old-host.example.net");
        DomainCheck.Outcome wrong = check.check("mcp.example.com", TOKEN);
        assertThat(wrong.ownershipProven()).isTrue();
        assertThat(wrong.pointsAtPlatform()).isFalse();
        assertThat(wrong.reason()).isEqualTo("CNAME of mcp.example.com points at old-host.example.net, expected edge.nextmcp.test");
        dns.cname.put("mcp.example.com", "edge.nextmcp.test");
        assertThat(check.check("mcp.example.com", TOKEN)).isEqualTo(new DomainCheck.Outcome(true, true, null));
    }

    @Test
    void anApexMatchesByAddresses() {
        FakeDns dns = new FakeDns();
        dns.txt.put("_nextmcp-challenge.example.com", List.of(TOKEN));
        dns.addresses.put("edge.nextmcp.test", List.of("192.0.2.10"));
        DomainCheck check = new DomainCheck(dns, "edge.nextmcp.test");
        assertThat(check.check("example.com", TOKEN).reason())
                .isEqualTo("no CNAME or A/AAAA record found for example.com: create a CNAME pointing at edge.nextmcp.test");
        dns.addresses.put("example.com", List.of("198.51.100.7"));
        assertThat(check.check("example.com", TOKEN).reason())
                .isEqualTo("example.com resolves to 198.51.100.7, expected a CNAME to edge.nextmcp.test (192.0.2.10)");
        dns.addresses.put("example.com", List.of("192.0.2.10"));
        assertThat(check.check("example.com", TOKEN).pointsAtPlatform()).isTrue();
    }

    @Test
    void anAddressTargetAndNoTarget() {
        FakeDns dns = new FakeDns();
        dns.txt.put("_nextmcp-challenge.mcp.example.com", List.of(TOKEN));
        dns.addresses.put("mcp.example.com", List.of("127.0.0.1"));
        assertThat(new DomainCheck(dns, "127.0.0.1").check("mcp.example.com", TOKEN).pointsAtPlatform()).isTrue();
        assertThat(new DomainCheck(dns, "192.0.2.1").check("mcp.example.com", TOKEN).reason())
                .isEqualTo("mcp.example.com resolves to 127.0.0.1, expected 192.0.2.1");
        assertThat(new DomainCheck(dns, null).check("mcp.example.com", TOKEN).pointsAtPlatform()).isTrue();
    }
}
