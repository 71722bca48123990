package cloud.nextmcp.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.auth.ApiAccess;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    @Test
    void theDefaultApiNeedsNoFlag() {
        assertThat(StartupBanner.nextSteps("http://localhost:8000")).contains("  bin/nextmcp register\n")
                .doesNotContain("--api", "NEXTMCP_API_URL");
    }

    @Test
    void anApiOnAnotherPortIsNamedOnTheRegisterLine() {
        assertThat(StartupBanner.nextSteps("http://localhost:9123"))
                .contains("bin/nextmcp register --api http://localhost:9123", "export NEXTMCP_API_URL=http://localhost:9123");
    }

    @Test
    void theBannersIdeaOfTheCliDefaultIsTheClisOwn() {
        assertThat(StartupBanner.CLI_DEFAULT_API_URL).isEqualTo(ApiAccess.DEFAULT_API_URL);
    }
}
