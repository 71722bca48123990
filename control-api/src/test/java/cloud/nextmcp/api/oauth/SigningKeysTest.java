package cloud.nextmcp.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.testing.TestPostgres;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Signing keys rotate after their period, and the old key stays published while its tokens can live. */
class SigningKeysTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.now();

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
    void aKeyOlderThanTheRotationPeriodIsReplacedAndStaysInTheJwks() {
        Jdbi jdbi = TestPostgres.newDatabase().jdbi();
        MovingClock clock = new MovingClock();
        SigningKeys keys = new SigningKeys(jdbi, new SecretBox(new byte[32], new SecureRandom()), Duration.ofDays(30),
                Duration.ofHours(1), clock);

        String first = keys.current().kid();
        assertThat(keys.current().kid()).as("the same key while it is fresh").isEqualTo(first);
        clock.now = clock.now.plus(Duration.ofDays(31));
        jdbi.useHandle(h -> h.execute("UPDATE oauth_signing_keys SET created_at = created_at - interval '31 days'"));
        String second = keys.current().kid();

        assertThat(second).isNotEqualTo(first);
        assertThat(kids(keys)).containsExactly(second, first);
        Instant firstRetires = jdbi.withHandle(h -> h.createQuery("SELECT retires_at FROM oauth_signing_keys WHERE kid = :k")
                .bind("k", first).mapTo(Instant.class).one());
        assertThat(firstRetires).as("published 30 days + the token lifetime + 1 h after it was made")
                .isCloseTo(clock.now.minus(Duration.ofDays(31)).plus(Duration.ofDays(30)).plus(Duration.ofHours(2)),
                        within(1, ChronoUnit.MILLIS));
    }

    @SuppressWarnings("unchecked")
    private static List<String> kids(SigningKeys keys) {
        List<Map<String, Object>> jwks = (List<Map<String, Object>>) keys.jwks().get("keys");
        jwks.forEach(k -> assertThat(k).containsEntry("alg", "ES256").containsEntry("crv", "P-256").containsKeys("x", "y"));
        return jwks.stream().map(k -> (String) k.get("kid")).toList();
    }
}
