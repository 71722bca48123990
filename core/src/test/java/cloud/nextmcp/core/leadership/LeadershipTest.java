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
    void exactlyOneReplicaLeadsAndAStoppedLeaderHandsOverAtOnce() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Counting a = new Counting();
        Counting b = new Counting();
        Leadership first = start(db, "reconcilers", a);
        awaitState(first, LeadershipState.LEADING);
        Leadership second = start(db, "reconcilers", b);
        Thread.sleep(CHECK.toMillis() * 4);
        assertThat(second.state()).isEqualTo(LeadershipState.FOLLOWING);
        assertThat(a.running.get() + b.running.get()).isEqualTo(1);

        long stopped = System.nanoTime();
        first.close();
        assertThat(a.running.get()).isZero();
        awaitState(second, LeadershipState.LEADING);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("takeover time").isLessThan(Duration.ofSeconds(3));
        assertThat(b.running.get()).isEqualTo(1);
        assertThat(holders(db)).isEqualTo(1);
    }

    @Test
    void whenTheLeadersSessionEndsExactlyOneReplicaLeadsAfterwards() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Counting a = new Counting();
        Counting b = new Counting();
        Leadership first = start(db, "runtime", a);
        awaitState(first, LeadershipState.LEADING);
        Leadership second = start(db, "runtime", b);

        // The session ends as when the database restarts or the leader's process dies; whichever replica checks
        // first holds the lock afterwards, and only its duties run.
        assertThat(terminateHolder(db)).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (holders(db) != 1 || first.state() == second.state()) {
            assertThat(System.nanoTime()).as("one replica leads again").isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(CHECK.toMillis() * 3);
        assertThat(List.of(first.state(), second.state()))
                .containsExactlyInAnyOrder(LeadershipState.LEADING, LeadershipState.FOLLOWING);
        assertThat(a.running.get() + b.running.get()).isEqualTo(1);
        assertThat(holders(db)).isEqualTo(1);
    }

    @Test
    void aLeaderAloneTakesItsLockBackWithoutRestartingItsDuties() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Counting a = new Counting();
        Leadership only = start(db, "alone", a);
        awaitState(only, LeadershipState.LEADING);
        long before = holderPid(db);
        assertThat(terminateHolder(db)).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (holders(db) != 1 || holderPid(db) == before) {
            assertThat(System.nanoTime()).as("the lock is held again on a new session").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(only.state()).isEqualTo(LeadershipState.LEADING);
        assertThat(a.elections.get()).as("duties kept running, not restarted").isEqualTo(1);
        assertThat(a.running.get()).isEqualTo(1);
    }

    private static long terminateHolder(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND granted AND classid = CAST(CAST(:ns AS bigint) AS oid)")
                .bind("ns", Integer.toUnsignedLong(LeaderLock.NAMESPACE)).mapTo(Long.class).one());
    }

    private static long holders(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND classid = CAST(CAST(:ns AS bigint) AS oid)")
                .bind("ns", Integer.toUnsignedLong(LeaderLock.NAMESPACE)).mapTo(Long.class).one());
    }

    private static long holderPid(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(max(pid), 0) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND classid = CAST(CAST(:ns AS bigint) AS oid)")
                .bind("ns", Integer.toUnsignedLong(LeaderLock.NAMESPACE)).mapTo(Long.class).one());
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
