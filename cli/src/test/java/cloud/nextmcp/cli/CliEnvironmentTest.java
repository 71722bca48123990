package cloud.nextmcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliEnvironmentTest {

    @Test
    void homeIsTheHomeVariableWhenSetLikeOpenSsh() {
        assertThat(CliEnvironment.homeDirectory(Map.of("HOME", "/tmp/alice"), "/root"))
                .isEqualTo(Path.of("/tmp/alice"));
    }

    @Test
    void homeFallsBackToUserHomeWhenTheVariableIsUnsetOrBlank() {
        assertThat(CliEnvironment.homeDirectory(Map.of(), "/root")).isEqualTo(Path.of("/root"));
        assertThat(CliEnvironment.homeDirectory(Map.of("HOME", " "), "/root")).isEqualTo(Path.of("/root"));
    }
}
