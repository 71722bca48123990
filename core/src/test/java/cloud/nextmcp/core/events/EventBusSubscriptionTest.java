package cloud.nextmcp.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.testing.TestPostgres;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A closed subscription hears nothing more while the bus and its other subscribers go on. */
class EventBusSubscriptionTest {
    private static final String PROBE = "probe";

    @Test
    void aClosedSubscriptionIsNoLongerNotified() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        try (EventBus events = new EventBus(db.jdbi(), db.connectionInfo())) {
            BlockingQueue<String> term = new LinkedBlockingQueue<>();
            BlockingQueue<String> process = new LinkedBlockingQueue<>();
            EventBus.Subscription ofTerm = events.subscribe(Channels.APPS, term::add);
            events.subscribe(Channels.APPS, process::add);
            awaitListening(events, process);

            events.publish(Channels.APPS, "1");
            assertThat(next(term)).isEqualTo("1");
            assertThat(next(process)).isEqualTo("1");

            ofTerm.close();
            events.publish(Channels.APPS, "2");
            assertThat(next(process)).isEqualTo("2");
            assertThat(term.stream().filter(p -> !p.equals(PROBE))).as("notifications after close").isEmpty();
        }
    }

    /** LISTEN happens on the bus's own thread: probe until a notification arrives. */
    private static void awaitListening(EventBus events, BlockingQueue<String> heard) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            events.publish(Channels.APPS, PROBE);
            if (heard.poll(100, TimeUnit.MILLISECONDS) != null) {
                return;
            }
        }
        throw new AssertionError("the event bus never started listening");
    }

    private static String next(BlockingQueue<String> heard) throws InterruptedException {
        while (true) {
            String payload = heard.poll(10, TimeUnit.SECONDS);
            if (payload == null || !payload.equals(PROBE)) {
                return payload;
            }
        }
    }
}
