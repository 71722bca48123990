package cloud.nextmcp.build.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void theWaitDoublesWithEachCrashInARowUpToTheMaximum() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(10_000)).as("no overflow after many crashes").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aProcessThatRanLongerThanTheMaximumStartsANewRow() {
        assertThat(backoff.crashesInARow(5, Duration.ofSeconds(2))).isEqualTo(6);
        assertThat(backoff.crashesInARow(5, Duration.ofSeconds(31))).isEqualTo(1);
        assertThat(backoff.crashesInARow(0, Duration.ZERO)).isEqualTo(1);
    }
}
