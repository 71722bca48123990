package cloud.nextmcp.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T06:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsABurstThenRefillsEvenlyOverTheMinute() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(6, clock);

        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire("10.0.0.1")).isZero();
        }
        assertThat(limiter.acquire("10.0.0.1")).as("one token comes back every 10 s").isEqualTo(10);
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(6);
        clock.advance(Duration.ofSeconds(6));
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(10);
    }

    @Test
    void keysAreIndependent() {
        RateLimiter limiter = new RateLimiter(1, new ManualClock());

        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(60);
        assertThat(limiter.acquire("b")).isZero();
    }
}
