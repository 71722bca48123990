package cloud.nextmcp.router.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reloads asked for by readers that must see recent writes: folded together, spaced apart, never lost. */
class NotifiedSnapshotTest {
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final List<Long> loadStarts = new ArrayList<>();

    private NotifiedSnapshot<Integer> snapshot(Duration gap) {
        return new NotifiedSnapshot<>(new NotifiedSnapshot.Source<>("test snapshot", "test", previous -> {
            synchronized (loadStarts) {
                loadStarts.add(System.nanoTime());
            }
            sleep(30);
            if (failing.get()) {
                throw new IllegalStateException("the database is away");
            }
            return loads.incrementAndGet();
        }, previous -> "snapshot " + previous), 0, null, Duration.ofHours(1), next -> { }, gap);
    }

    @Test
    void manyWaitersFromOneMomentShareOneReloadAndSeeItsResult() throws Exception {
        try (NotifiedSnapshot<Integer> s = snapshot(Duration.ofMillis(200))) {
            long since = System.nanoTime();
            assertThat(s.loadedBefore(since)).isTrue();
            int waiters = 100;
            CountDownLatch done = new CountDownLatch(waiters);
            AtomicInteger sawFresh = new AtomicInteger();
            for (int i = 0; i < waiters; i++) {
                s.afterReloadSince(since, Runnable::run, () -> {
                    if (s.current() >= 1) {
                        sawFresh.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(sawFresh).hasValue(waiters);
            assertThat(loads.get()).as("one reload serves every waiter of that moment").isEqualTo(1);
            assertThat(s.loadedBefore(since)).isFalse();

            CountDownLatch already = new CountDownLatch(1);
            s.afterReloadSince(since, Runnable::run, already::countDown);
            assertThat(already.getCount()).as("a snapshot loaded after the moment answers at once").isZero();
            assertThat(loads.get()).isEqualTo(1);
        }
    }

    @Test
    void readersCannotMakeItReloadMoreOftenThanTheGap() throws Exception {
        Duration gap = Duration.ofMillis(200);
        try (NotifiedSnapshot<Integer> s = snapshot(gap)) {
            for (int round = 0; round < 4; round++) {
                CountDownLatch done = new CountDownLatch(1);
                s.afterReloadSince(System.nanoTime(), Runnable::run, done::countDown);
                assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(loads.get()).isEqualTo(4);
            for (int i = 1; i < loadStarts.size(); i++) {
                assertThat(Duration.ofNanos(loadStarts.get(i) - loadStarts.get(i - 1)))
                        .as("reload %d started after the gap", i).isGreaterThanOrEqualTo(gap);
            }
        }
    }

    @Test
    void aFailedReloadStillReleasesItsWaitersWithThePreviousSnapshot() throws Exception {
        try (NotifiedSnapshot<Integer> s = snapshot(Duration.ofMillis(50))) {
            failing.set(true);
            CountDownLatch done = new CountDownLatch(1);
            AtomicInteger seen = new AtomicInteger(-1);
            s.afterReloadSince(System.nanoTime(), Runnable::run, () -> {
                seen.set(s.current());
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).hasValue(0);
        }
    }

    @Test
    void closingReleasesWhoeverStillWaits() throws Exception {
        NotifiedSnapshot<Integer> s = snapshot(Duration.ofHours(1));
        CountDownLatch first = new CountDownLatch(1);
        s.afterReloadSince(System.nanoTime(), Runnable::run, first::countDown);
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch second = new CountDownLatch(1);
        s.afterReloadSince(System.nanoTime(), Runnable::run, second::countDown);
        assertThat(second.getCount()).as("the next forced reload is an hour away").isOne();
        s.close();
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
