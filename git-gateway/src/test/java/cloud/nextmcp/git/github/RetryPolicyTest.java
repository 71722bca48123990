package cloud.nextmcp.git.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 6);

    @Test
    void serverErrorsAndNetworkFailuresBackOffUpToTheMaximum() {
        IOException down = new HttpException("{\"message\":\"Server Error\"}", 502, "Bad Gateway", "https://api/x");
        assertThat(policy.next(1, down)).contains(Duration.ofSeconds(1));
        assertThat(policy.next(2, down)).contains(Duration.ofSeconds(2));
        assertThat(policy.next(3, down)).contains(Duration.ofSeconds(4));
        assertThat(policy.next(4, down)).contains(Duration.ofSeconds(8));
        assertThat(policy.next(5, down)).contains(Duration.ofSeconds(10));
        assertThat(policy.next(6, down)).as("attempts used up").isEmpty();
        assertThat(policy.next(1, new ConnectException("refused"))).contains(Duration.ofSeconds(1));
        assertThat(policy.next(1, new HttpException("slow down", 429, "Too Many Requests", "https://api/x"))).isPresent();
    }

    @Test
    void clientErrorsAreFinal() {
        assertThat(policy.next(1, new HttpException("{\"message\":\"Validation Failed\"}", 422, "Unprocessable", "https://api/x")))
                .isEqualTo(Optional.empty());
        assertThat(policy.next(1, new GHFileNotFoundException("Not Found"))).isEmpty();
    }
}
