package cloud.nextmcp.cli.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppRemoteTest {

    @Test
    void readsTheAppFromBothRemoteForms() {
        assertThat(AppRemote.appName("ssh://git@localhost:2222/weather.git")).contains("weather");
        assertThat(AppRemote.appName("http://localhost:2280/git/weather-api.git")).contains("weather-api");
        assertThat(AppRemote.appName("https://git.example.com/git/brave-otter-42.git")).contains("brave-otter-42");
        assertThat(AppRemote.appName("ssh://git@example.com/weather")).contains("weather");
    }

    @Test
    void ignoresUrlsThatAreNotNextmcpRemotes() {
        assertThat(AppRemote.appName("git@github.com:acme/weather.git")).isEmpty();
        assertThat(AppRemote.appName("https://github.com/acme/weather.git")).isEmpty();
        assertThat(AppRemote.appName("ssh://git@localhost:2222/Not_An_App.git")).isEmpty();
        assertThat(AppRemote.appName("/srv/repos/weather.git")).isEmpty();
    }
}
