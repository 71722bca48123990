package cloud.nextmcp.server;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting for something a user would wait for, with a deadline instead of fixed sleeps. */
final class Polling {
    private Polling() {
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first present value of {@code probe} within {@code timeout}, else an error with {@code diagnostics}. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            pause();
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "\n" + diagnostics.get());
    }
}
