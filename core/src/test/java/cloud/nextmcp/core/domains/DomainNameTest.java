package cloud.nextmcp.core.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainNameTest {
    private static final String APPS = "apps.nextmcp.test";

    @Test
    void namesAreCaseFoldedAndLoseATrailingDot() {
        assertThat(DomainName.normalize("  MCP.Example.COM. ", APPS)).isEqualTo("mcp.example.com");
    }

    @Test
    void internationalizedNamesAreStoredInPunycode() {
        assertThat(DomainName.normalize("mcp.bücher.example", APPS)).isEqualTo("mcp.xn--bcher-kva.example");
        assertThat(DomainName.normalize("MCP.BÜCHER.example", APPS)).isEqualTo("mcp.xn--bcher-kva.example");
    }

    @Test
    void invalidHostNamesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> DomainName.normalize("localhost", APPS)).hasMessageContaining("not a fully qualified host name");
        assertThatThrownBy(() -> DomainName.normalize("-bad.example.com", APPS)).hasMessageContaining("not a valid host name");
        assertThatThrownBy(() -> DomainName.normalize("a_b.example.com", APPS)).hasMessageContaining("not a valid host name");
        assertThatThrownBy(() -> DomainName.normalize("a..example.com", APPS)).hasMessageContaining("not a valid host name");
        assertThatThrownBy(() -> DomainName.normalize("10.0.0.1", APPS)).hasMessageContaining("IP address");
        assertThatThrownBy(() -> DomainName.normalize("", APPS)).hasMessageContaining("required");
        assertThatThrownBy(() -> DomainName.normalize("x".repeat(64) + ".example.com", APPS)).hasMessageContaining("not a valid host name");
    }

    @Test
    void namesUnderThePlatformsAppsDomainAreRefused() {
        assertThatThrownBy(() -> DomainName.normalize("weather.apps.nextmcp.test", APPS)).hasMessageContaining("apps domain");
        assertThatThrownBy(() -> DomainName.normalize("APPS.nextmcp.test", APPS)).hasMessageContaining("apps domain");
        assertThat(DomainName.normalize("notapps.nextmcp.test", APPS)).isEqualTo("notapps.nextmcp.test");
    }

    @Test
    void theOwnershipRecordAndApexHint() {
        assertThat(DomainName.challengeRecord("mcp.example.com")).isEqualTo("_nextmcp-challenge.mcp.example.com");
        assertThat(DomainName.looksLikeApex("example.com")).isTrue();
        assertThat(DomainName.looksLikeApex("mcp.example.com")).isFalse();
    }
}
