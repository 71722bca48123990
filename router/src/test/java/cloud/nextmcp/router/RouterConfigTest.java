package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterConfigTest {

    @Test
    void httpsPortIsTheTlsListenersPort() {
        RouterConfig config = new RouterConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, 8443, null);
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.tls().port()).isEqualTo(8443);
        assertThat(config.httpsPort()).isEqualTo(8443);
    }

    @Test
    void withoutEitherTlsIsOff() {
        RouterConfig config = RouterConfig.builder().build();
        assertThat(config.tls().enabled()).isFalse();
        assertThat(config.httpsPort()).isNull();
    }

    @Test
    void httpsPortAndTlsPortThatDisagreeAreRefused() {
        assertThatThrownBy(() -> new RouterConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, new RouterConfig.Tls(9443, null, null), 8443, null))
                .hasMessage("router.httpsPort (8443) and router.tls.port (9443) differ: set one of them");
    }

    @Test
    void mcpLabelsPerAppDefaultsTo50AndMustBePositive() {
        assertThat(RouterConfig.defaults().mcpLabelsPerApp()).isEqualTo(50);
        assertThatThrownBy(() -> RouterConfig.builder().mcpLabelsPerApp(0).build())
                .hasMessageStartingWith("router.mcpLabelsPerApp must be at least 1 (it was 0)");
    }

    @Test
    void transportIsAutoUnlessNamedAndAnUnknownOneIsRefused() {
        assertThat(RouterConfig.defaults().transport()).isEqualTo("auto");
        assertThat(RouterConfig.builder().transport(" EPOLL ").build().transport()).isEqualTo("epoll");
        assertThatThrownBy(() -> RouterConfig.builder().transport("kqueue").build())
                .hasMessage("router.transport must be auto, io_uring, epoll or nio (it was 'kqueue')");
    }
}
