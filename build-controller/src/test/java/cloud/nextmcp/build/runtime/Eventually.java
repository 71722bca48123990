package cloud.nextmcp.build.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition that another thread makes true, failing with the last value seen after a deadline. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T until(Supplier<T> value, Predicate<T> condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = value.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last value: " + last);
    }
}
