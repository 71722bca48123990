package cloud.nextmcp.build.runtime;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts every instance process from one thread that lives as long as the runtime. bubblewrap's
 * {@code --die-with-parent} (PR_SET_PDEATHSIG) fires when the <em>thread</em> that started it
 * ends, so a process started from a pooled thread would be killed when that thread idles out.
 */
final class ProcessSpawner implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "instance-spawner");
        t.setDaemon(true);
        return t;
    });

    Process start(ProcessBuilder builder) throws IOException, InterruptedException {
        try {
            // submit, not execute: a failure must come back here instead of replacing the thread.
            return thread.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Could not start a process", e.getCause());
        }
    }

    /** Ends the spawning thread; under bubblewrap the processes it started die with it. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
