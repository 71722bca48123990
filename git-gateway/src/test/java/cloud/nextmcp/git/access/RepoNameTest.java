package cloud.nextmcp.git.access;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.git.ssh.ExecRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"weather.git", "/weather.git", "weather", "/weather"})
    void acceptedFormsNameTheApp(String requested) {
        assertThat(RepoName.appName(requested)).contains("weather");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../weather.git", "/srv/weather.git", "-weather", "--upload-pack=x", "weather.git.git",
        "//weather.git", "weather/.git", "~/weather", "Weather", "", "we"})
    void everythingElseNamesNoApp(String requested) {
        assertThat(RepoName.appName(requested)).isEmpty();
    }

    @Test
    void execRequestsAreParsedStrictly() {
        assertThat(ExecRequest.parse("git-upload-pack 'weather.git'").isPresent()).isTrue();
        assertThat(ExecRequest.parse("git-receive-pack '/weather.git'").isPresent()).isTrue();
        assertThat(ExecRequest.parse("git-upload-pack weather.git").isPresent()).isFalse();
        assertThat(ExecRequest.parse("git-upload-pack 'a' 'b'").isPresent()).isFalse();
        assertThat(ExecRequest.parse("git-upload-pack 'a'; rm -rf /").isPresent()).isFalse();
        assertThat(ExecRequest.parse("git upload-pack 'a'").isPresent()).isFalse();
        assertThat(ExecRequest.parse("git-upload-archive 'a'").isPresent()).isFalse();
    }
}
