package cloud.nextmcp.api.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GitHub's documented test vector, and what must not pass. */
class WebhookSignatureTest {
    private static final WebhookSignature GITHUB_EXAMPLE = new WebhookSignature("It's a Secret to Everybody");
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void signsAsGithubDocumentsIt() {
        assertThat(GITHUB_EXAMPLE.sign(BODY)).isEqualTo(EXPECTED);
        assertThat(GITHUB_EXAMPLE.verify(BODY, EXPECTED)).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(GITHUB_EXAMPLE.verify(BODY, null)).isFalse();
        assertThat(GITHUB_EXAMPLE.verify(BODY, "")).isFalse();
        assertThat(GITHUB_EXAMPLE.verify(BODY, EXPECTED.substring("sha256=".length()))).as("no prefix").isFalse();
        assertThat(GITHUB_EXAMPLE.verify(BODY, "sha1=" + EXPECTED.substring(7))).isFalse();
        assertThat(GITHUB_EXAMPLE.verify(BODY, EXPECTED.substring(0, EXPECTED.length() - 1) + "f")).isFalse();
        assertThat(GITHUB_EXAMPLE.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(new WebhookSignature("another secret").verify(BODY, EXPECTED)).isFalse();
    }
}
