package cloud.nextmcp.server.platform;

import cloud.nextmcp.core.leadership.Leadership;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loops that must run in exactly one replica (runtime reconcilers, the autoscaler, log retention, domain checks
 * and certificates). Each term of leadership builds them afresh from their factories, because a
 * stopped runtime cannot be started again, and stops them in reverse order when the term ends.
 */
final class SingletonLoops implements Leadership.Duties {
    private static final Logger LOG = LoggerFactory.getLogger(SingletonLoops.class);

    /** Creates and starts one loop; the returned handle stops it. */
    interface Loop extends Supplier<AutoCloseable> {
    }

    private record Named(String name, Loop loop) {
    }

    private final List<Named> loops = new ArrayList<>();
    private final Deque<Named> runningNames = new ArrayDeque<>();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    void add(String name, Loop loop) {
        loops.add(new Named(name, loop));
    }

    boolean isEmpty() {
        return loops.isEmpty();
    }

    @Override
    public synchronized void elected() {
        for (Named named : loops) {
            try {
                running.push(named.loop().get());
                runningNames.push(named);
            } catch (RuntimeException e) {
                demoted();
                throw new IllegalStateException("The " + named.name() + " did not start: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void demoted() {
        while (!running.isEmpty()) {
            AutoCloseable loop = running.pop();
            String name = runningNames.pop().name();
            try {
                loop.close();
            } catch (Exception e) {
                LOG.error("The {} did not stop cleanly", name, e);
            }
        }
    }
}
