package cloud.nextmcp.core.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.TestPostgres.TestDatabase;
import cloud.nextmcp.core.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeadershipTest {
    private static final Duration CHECK = Duration.ofMillis(200);
    private final List<Leadership> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Leadership::close);
    }

    @Test
    void exactlyOneReplicaLeadsAndAnotherTakesOverWhenTheLeadersSessionDies() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Counting a = new Counting();
        Counting b = new Counting();
        Leadership first = start(db, "reconcilers", a);
        awaitState(first, LeadershipState.LEADING);
        Leadership second = start(db, "reconcilers", b);
        Thread.sleep(CHECK.toMillis() * 4);
        assertThat(second.state()).isEqualTo(LeadershipState.FOLLOWING);
        assertThat(a.running.get() + b.running.get()).isEqualTo(1);

        // The leader's database session ends as it does when its process is killed.
        long killed = db.jdbi().withHandle(h -> h.createQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = 'nextmcp-leader-reconcilers' AND pid IN (SELECT pid FROM pg_locks "
                + "WHERE locktype = 'advisory' AND granted)").mapTo(Long.class).one());
        assertThat(killed).isEqualTo(1);
        long lost = System.nanoTime();
        awaitState(second, LeadershipState.LEADING);
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isLessThan(Duration.ofSeconds(3));
        awaitState(first, LeadershipState.FOLLOWING);
        assertThat(a.running.get()).isZero();
        assertThat(b.running.get()).isEqualTo(1);
        assertThat(a.elections.get()).isEqualTo(1);

        // A clean shutdown hands over too: the first replica, now following, takes the lock again.
        second.close();
        assertThat(b.running.get()).isZero();
        awaitState(first, LeadershipState.LEADING);
        assertThat(a.running.get()).isEqualTo(1);
        assertThat(a.elections.get()).isEqualTo(2);
    }

    @Test
    void differentNamesAreDifferentElections() {
        TestDatabase db = TestPostgres.newDatabase();
        Leadership runtime = start(db, "runtime", new Counting());
        Leadership other = start(db, "something-else", new Counting());
        awaitState(runtime, LeadershipState.LEADING);
        awaitState(other, LeadershipState.LEADING);
    }

    @Test
    void dutiesThatFailToStartGiveTheLockBack() {
        TestDatabase db = TestPostgres.newDatabase();
        AtomicInteger attempts = new AtomicInteger();
        Leadership failing = start(db, "broken", new Leadership.Duties() {
            @Override
            public void elected() {
                attempts.incrementAndGet();
                throw new IllegalStateException("cannot start");
            }

            @Override
            public void demoted() {
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (attempts.get() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
        assertThat(failing.state()).isNotEqualTo(LeadershipState.STOPPED);
        Leadership healthy = start(db, "broken", new Counting());
        failing.close();
        awaitState(healthy, LeadershipState.LEADING);
    }

    private Leadership start(TestDatabase db, String name, Leadership.Duties duties) {
        Leadership leadership = new Leadership(new LeaderLock(db.connectionInfo(), name, Duration.ofSeconds(2)), CHECK, duties);
        started.add(leadership);
        leadership.start();
        return leadership;
    }

    private static void awaitState(Leadership leadership, LeadershipState expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (leadership.state() != expected) {
            assertThat(System.nanoTime()).as("leadership reaches %s", expected).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static final class Counting implements Leadership.Duties {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger elections = new AtomicInteger();

        @Override
        public void elected() {
            elections.incrementAndGet();
            running.incrementAndGet();
        }

        @Override
        public void demoted() {
            running.decrementAndGet();
        }
    }
}
