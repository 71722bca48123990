package cloud.nextmcp.router.wake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-app hold queue's bounds and how each held request ends exactly once. */
class HoldQueueTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<String> ends = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Ticket ticket(HoldQueue q, String name) {
        return new Ticket(q, loop, () -> ends.add(name + " released"), reason -> ends.add(name + " refused: " + reason));
    }

    private void settle() throws Exception {
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void holdsUpToItsCapacityAndRefusesBeyond() {
        HoldQueue q = new HoldQueue(3, "app", null);
        assertThat(q.offer(ticket(q, "a"))).isEqualTo(1);
        assertThat(q.offer(ticket(q, "b"))).isEqualTo(2);
        assertThat(q.offer(ticket(q, "c"))).isEqualTo(3);
        assertThat(q.offer(ticket(q, "d"))).as("full").isZero();
        assertThat(q.size()).isEqualTo(3);
    }

    @Test
    void aCancelledRequestFreesItsPlace() {
        HoldQueue q = new HoldQueue(1, "app", null);
        Ticket a = ticket(q, "a");
        q.offer(a);
        a.cancel();
        assertThat(q.size()).isZero();
        assertThat(q.offer(ticket(q, "b"))).isEqualTo(1);
    }

    @Test
    void releasedRequestsLeaveInArrivalOrderAndEndOnce() throws Exception {
        HoldQueue q = new HoldQueue(10, "app", null);
        for (String n : List.of("a", "b", "c")) {
            q.offer(ticket(q, n));
        }
        List<Ticket> all = q.drain();
        all.forEach(Ticket::release);
        all.forEach(t -> t.refuse("late"));
        settle();
        assertThat(ends).containsExactly("a released", "b released", "c released");
        assertThat(q.size()).isZero();
    }

    @Test
    void aRequestHeldTooLongIsRefusedAndLeavesTheQueue() throws Exception {
        HoldQueue q = new HoldQueue(10, "app", null);
        Ticket a = ticket(q, "a");
        q.offer(a);
        a.expireAfter(TimeUnit.MILLISECONDS.toNanos(50), "did not wake in time");
        Thread.sleep(200);
        settle();
        assertThat(ends).containsExactly("a refused: did not wake in time");
        assertThat(q.size()).isZero();
        a.release();
        settle();
        assertThat(ends).hasSize(1);
    }

    @Test
    void aFailedWakeRefusesTheRequestsHeldThenButNotThoseHeldAfterIt() {
        Instant failedAt = Instant.parse("2026-11-29T12:00:00Z");
        HoldQueue q = new HoldQueue(10, "app", null);
        q.offer(ticket(q, "a"));
        assertThat(q.drainForFailure(failedAt)).hasSize(1);
        q.offer(ticket(q, "b"));
        assertThat(q.drainForFailure(failedAt)).as("the same failure read again by a later reload").isEmpty();
        assertThat(q.drainForFailure(failedAt.plusSeconds(1))).hasSize(1);
    }

    @Test
    void aFailureOlderThanTheQueueIsNotAnsweredAgain() {
        Instant failedAt = Instant.parse("2026-11-29T12:00:00Z");
        HoldQueue q = new HoldQueue(10, "app", failedAt);
        q.offer(ticket(q, "a"));
        assertThat(q.drainForFailure(failedAt)).isEmpty();
    }
}
