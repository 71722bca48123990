package cloud.nextmcp.router.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathFormHostsTest {

    @Test
    void loopbackIpLiteralsTheAppsDomainAndThePublicHostServeThePathForm() {
        PathFormHosts hosts = PathFormHosts.of("apps.example.com", "NextMCP.example.com");
        assertThat(hosts.accepts("localhost")).isTrue();
        assertThat(hosts.accepts("127.0.0.1")).isTrue();
        assertThat(hosts.accepts("203.0.113.9")).isTrue();
        assertThat(hosts.accepts("[::1]")).isTrue();
        assertThat(hosts.accepts("apps.example.com")).isTrue();
        assertThat(hosts.accepts("nextmcp.example.com")).isTrue();
    }

    @Test
    void anyOtherNameIsRefused() {
        PathFormHosts hosts = PathFormHosts.of("apps.example.com", "nextmcp.example.com");
        assertThat(hosts.accepts("rebound.example")).isFalse();
        assertThat(hosts.accepts("127.0.0.1.rebound.example")).isFalse();
        assertThat(hosts.accepts("evil.apps.example.com.attacker.test")).isFalse();
    }

    @Test
    void theDevDefaultsWhereAppsDomainAndPublicHostAreLocalhostAreAccepted() {
        assertThat(PathFormHosts.of("localhost", "localhost").accepts("localhost")).isTrue();
        assertThat(PathFormHosts.of("localhost", null).accepts("localhost")).isTrue();
    }
}
