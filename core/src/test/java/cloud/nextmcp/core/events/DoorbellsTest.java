package cloud.nextmcp.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.events.Doorbells.Doorbell;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DoorbellsTest {
    private static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void aNotificationRingsOnlyTheBellsOfItsIdAndOnlyOnce() throws Exception {
        Doorbells doorbells = new Doorbells("logs");
        Doorbell seven = new Doorbell();
        Doorbell eight = new Doorbell();
        doorbells.add(7, seven);
        doorbells.add(8, eight);

        doorbells.onNotification("7");
        doorbells.onNotification(" 7 ");

        assertThat(seven.await(SHORT)).isTrue();
        assertThat(seven.await(SHORT)).as("two rings before one look are one wake-up").isFalse();
        assertThat(eight.await(SHORT)).isFalse();
    }

    @Test
    void aPayloadThatIsNotAnIdRingsNothingAndARemovedBellStaysSilent() throws Exception {
        Doorbells doorbells = new Doorbells("builds");
        Doorbell bell = new Doorbell();
        doorbells.add(3, bell);

        doorbells.onNotification("not-an-id");
        assertThat(bell.await(SHORT)).isFalse();

        doorbells.remove(3, bell);
        doorbells.onNotification("3");
        assertThat(bell.await(SHORT)).isFalse();
    }

    @Test
    void aResyncRingsEveryBell() throws Exception {
        Doorbells doorbells = new Doorbells("logs");
        Doorbell one = new Doorbell();
        Doorbell two = new Doorbell();
        doorbells.add(1, one);
        doorbells.add(2, two);

        doorbells.resync();

        assertThat(one.await(SHORT)).isTrue();
        assertThat(two.await(SHORT)).isTrue();
    }
}
