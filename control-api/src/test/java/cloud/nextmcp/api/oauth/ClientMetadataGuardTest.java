package cloud.nextmcp.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF guard of client metadata fetches decides on resolved addresses, before any connection. */
class ClientMetadataGuardTest {

    private static ClientMetadataFetcher fetcher(String address, List<String> resolved) {
        return new ClientMetadataFetcher(new AddressGuard(false), host -> {
            resolved.add(host);
            return new InetAddress[] {InetAddress.getByName(address)};
        }, true, new ObjectMapper());
    }

    @Test
    void aNameResolvingToLoopbackOrLinkLocalIsRefusedBeforeAnyConnection() {
        for (String address : List.of("127.0.0.1", "169.254.169.254", "::1", "fe80::1", "10.1.2.3", "192.168.0.1", "100.64.0.1",
                "fd00:ec2::254", "0.0.0.0", "::ffff:127.0.0.1")) {
            List<String> resolved = new ArrayList<>();
            // The host name is made up: the injected resolver answers, so no DNS query and no packet leave the test.
            assertThatThrownBy(() -> fetcher(address, resolved).fetch("https://client.example.test/metadata.json"))
                    .as(address).isInstanceOf(ClientMetadataFetcher.Refused.class)
                    .hasMessageContaining("private, loopback or link-local");
            assertThat(resolved).containsExactly("client.example.test");
        }
    }

    @Test
    void onlyHttpsClientIdsAreFetched() {
        assertThatThrownBy(() -> fetcher("93.184.216.34", new ArrayList<>()).fetch("http://client.example.test/m.json"))
                .isInstanceOf(ClientMetadataFetcher.Refused.class).hasMessageContaining("https");
    }

    @Test
    void publicAddressesPassTheGuardAndConfigurationCanAllowPrivateOnes() throws Exception {
        assertThat(new AddressGuard(false).allowed(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(new AddressGuard(false).allowed(InetAddress.getByName("2606:2800:220:1::1"))).isTrue();
        assertThat(new AddressGuard(true).allowed(InetAddress.getByName("127.0.0.1"))).isTrue();
    }

    @Test
    void redirectUrisMatchExactlyExceptTheLoopbackPort() {
        assertThat(RedirectUris.matches("http://127.0.0.1/cb", "http://127.0.0.1:53121/cb")).isTrue();
        assertThat(RedirectUris.matches("http://127.0.0.1:1234/cb", "http://127.0.0.1:5678/cb")).isTrue();
        assertThat(RedirectUris.matches("http://127.0.0.1/cb", "http://127.0.0.1:5678/other")).isFalse();
        assertThat(RedirectUris.matches("https://app.example/cb", "https://app.example/cb/")).isFalse();
        assertThat(RedirectUris.matches("https://app.example/cb", "https://app.example:8443/cb")).isFalse();
        assertThat(RedirectUris.problem("http://app.example/cb")).contains("https");
        assertThat(RedirectUris.problem("https://app.example/cb#x")).contains("fragment");
    }
}
