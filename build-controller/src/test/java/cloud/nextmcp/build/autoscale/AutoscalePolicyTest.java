package cloud.nextmcp.build.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.autoscale.AppLoad;
import cloud.nextmcp.core.autoscale.AutoscaleSettings;
import cloud.nextmcp.core.autoscale.SleepState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The autoscaler's decisions, with a clock the test moves: idle detection, wakes, fast up and slow down. */
class AutoscalePolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final AutoscaleSettings TO_ZERO = new AutoscaleSettings(1, 0, 3, 300, 20);
    private static final AutoscaleSettings ONE_TO_FIVE = new AutoscaleSettings(1, 1, 5, 300, 10);

    private Instant now = T0;
    private final AutoscalePolicy policy = new AutoscalePolicy(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, Duration.ofSeconds(60));

    private static AppLoad load(int inFlight, int streams, int waiting, Instant lastRequest, Instant wakeAsked) {
        return new AppLoad(1, inFlight, streams, waiting, lastRequest, wakeAsked);
    }

    private static AutoscalePolicy.Current awake(int replicas, Instant changed) {
        return new AutoscalePolicy.Current(replicas, SleepState.AWAKE, changed, replicas);
    }

    @Test
    void sleepsOnlyAfterTheIdlePeriodWithoutARequest() {
        Instant lastRequest = T0.minusSeconds(299);
        AutoscalePolicy.Decision d = policy.decide(TO_ZERO, awake(1, T0.minusSeconds(3600)), load(0, 0, 0, lastRequest, null));
        assertThat(d.replicas()).as("299 s after the last request, with 300 s idle").isEqualTo(1);
        assertThat(d.state()).isEqualTo(SleepState.AWAKE);

        now = T0.plusSeconds(1);
        d = policy.decide(TO_ZERO, awake(1, T0.minusSeconds(3600)), load(0, 0, 0, lastRequest, null));
        assertThat(d.replicas()).isZero();
        assertThat(d.state()).isEqualTo(SleepState.ASLEEP);
        assertThat(d.why()).contains("5 min");
    }

    @Test
    void anOpenStreamOrARequestInFlightKeepsTheAppAwakeHoweverOldTheLastRequest() {
        Instant longAgo = T0.minusSeconds(86_400);
        assertThat(policy.decide(TO_ZERO, awake(1, longAgo), load(0, 1, 0, longAgo, null)).replicas())
                .as("an SSE GET open for a day").isEqualTo(1);
        assertThat(policy.decide(TO_ZERO, awake(1, longAgo), load(1, 0, 0, longAgo, null)).replicas())
                .as("a slow request").isEqualTo(1);
    }

    @Test
    void theIdlePeriodStartsAgainAtTheLastChangeSoAFreshlyWokenAppIsNotPutBackToSleep() {
        Instant longAgo = T0.minusSeconds(86_400);
        assertThat(policy.decide(TO_ZERO, awake(1, T0.minusSeconds(10)), load(0, 0, 0, longAgo, null)).replicas())
                .isEqualTo(1);
    }

    @Test
    void neverSleepsWithAMinimumAboveZero() {
        Instant longAgo = T0.minusSeconds(86_400);
        AutoscalePolicy.Decision d = policy.decide(ONE_TO_FIVE, awake(1, longAgo), load(0, 0, 0, longAgo, null));
        assertThat(d.replicas()).isEqualTo(1);
        assertThat(d.state()).isEqualTo(SleepState.AWAKE);
    }

    @Test
    void aWakeRequestWakesASleepingAppAndTheBurstSizesIt() {
        AutoscalePolicy.Current asleep = new AutoscalePolicy.Current(0, SleepState.ASLEEP, T0.minusSeconds(60), 0);
        assertThat(policy.decide(TO_ZERO, asleep, load(0, 0, 0, null, null)).replicas()).as("no request").isZero();

        AutoscalePolicy.Decision d = policy.decide(TO_ZERO, asleep, load(0, 0, 1, T0, T0));
        assertThat(d.replicas()).isEqualTo(1);
        assertThat(d.state()).isEqualTo(SleepState.WAKING);

        assertThat(policy.decide(TO_ZERO, asleep, load(0, 0, 50, T0, T0)).replicas())
                .as("50 held requests at 20 per instance").isEqualTo(3);
    }

    @Test
    void aFailedWakeIsRetriedOnlyByANewerRequest() {
        AutoscalePolicy.Current failed = new AutoscalePolicy.Current(0, SleepState.WAKE_FAILED, T0, 0);
        AutoscalePolicy.Decision d = policy.decide(TO_ZERO, failed, load(0, 0, 3, T0.minusSeconds(5), T0.minusSeconds(5)));
        assertThat(d.replicas()).as("the request that caused the failed wake").isZero();
        assertThat(d.state()).isEqualTo(SleepState.WAKE_FAILED);

        d = policy.decide(TO_ZERO, failed, load(0, 0, 1, T0.plusSeconds(1), T0.plusSeconds(1)));
        assertThat(d.replicas()).isEqualTo(1);
        assertThat(d.state()).isEqualTo(SleepState.WAKING);
    }

    @Test
    void wakingStaysWakingUntilAnInstanceIsHealthyAndIsNeverPutToSleepMeanwhile() {
        Instant longAgo = T0.minusSeconds(86_400);
        AutoscalePolicy.Current waking = new AutoscalePolicy.Current(1, SleepState.WAKING, longAgo, 0);
        AutoscalePolicy.Decision d = policy.decide(TO_ZERO, waking, load(0, 0, 0, longAgo, longAgo));
        assertThat(d.state()).isEqualTo(SleepState.WAKING);
        assertThat(d.replicas()).isEqualTo(1);

        d = policy.decide(TO_ZERO, new AutoscalePolicy.Current(1, SleepState.WAKING, longAgo, 1), load(0, 0, 0, T0, T0));
        assertThat(d.state()).isEqualTo(SleepState.AWAKE);
    }

    @Test
    void scalesUpAtOnceToTheLoadButNotBeyondMax() {
        AutoscalePolicy.Decision d = policy.decide(ONE_TO_FIVE, awake(1, T0), load(35, 0, 0, T0, null));
        assertThat(d.replicas()).as("35 in flight at 10 per instance").isEqualTo(4);
        assertThat(d.why()).contains("35 requests in flight");
        assertThat(policy.decide(ONE_TO_FIVE, awake(4, T0), load(500, 0, 0, T0, null)).replicas()).isEqualTo(5);
    }

    @Test
    void scalesDownOnlyAfterTheLoadStayedLowForTheWholeWindow() {
        assertThat(policy.decide(ONE_TO_FIVE, awake(1, T0), load(40, 0, 0, T0, null)).replicas()).isEqualTo(4);
        for (int s = 10; s < 60; s += 10) {
            now = T0.plusSeconds(s);
            assertThat(policy.decide(ONE_TO_FIVE, awake(4, T0), load(2, 0, 0, now, null)).replicas())
                    .as("%d s after the burst", s).isEqualTo(4);
        }
        now = T0.plusSeconds(61);
        AutoscalePolicy.Decision d = policy.decide(ONE_TO_FIVE, awake(4, T0), load(2, 0, 0, now, null));
        assertThat(d.replicas()).as("the burst left the window").isEqualTo(1);
        assertThat(d.why()).contains("1 min");
    }

    @Test
    void aBriefDipInsideTheWindowDoesNotRemoveInstances() {
        policy.decide(ONE_TO_FIVE, awake(1, T0), load(30, 0, 0, T0, null));
        now = T0.plusSeconds(30);
        assertThat(policy.decide(ONE_TO_FIVE, awake(3, T0), load(0, 0, 0, now, null)).replicas()).isEqualTo(3);
        now = T0.plusSeconds(50);
        assertThat(policy.decide(ONE_TO_FIVE, awake(3, T0), load(25, 0, 0, now, null)).replicas()).isEqualTo(3);
        now = T0.plusSeconds(100);
        assertThat(policy.decide(ONE_TO_FIVE, awake(3, T0), load(0, 0, 0, now, null)).replicas())
                .as("the last 25-request sample is 50 s old").isEqualTo(3);
        now = T0.plusSeconds(111);
        assertThat(policy.decide(ONE_TO_FIVE, awake(3, T0), load(0, 0, 0, now, null)).replicas()).isEqualTo(1);
    }

    @Test
    void aRaisedMinimumStartsInstancesOfASleepingApp() {
        AutoscalePolicy.Current asleep = new AutoscalePolicy.Current(0, SleepState.ASLEEP, T0, 0);
        AutoscaleSettings two = new AutoscaleSettings(1, 2, 4, 300, 20);
        assertThat(policy.decide(two, asleep, load(0, 0, 0, null, null)).replicas()).isEqualTo(2);
    }
}
