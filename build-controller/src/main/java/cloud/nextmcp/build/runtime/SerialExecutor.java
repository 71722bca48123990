package cloud.nextmcp.build.runtime;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Runs tasks one at a time, in order, on a shared pool: one per app, so an app's changes never interleave. */
public final class SerialExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor pool;
    private Runnable active;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                next();
            }
        });
        if (active == null) {
            next();
        }
    }

    private synchronized void next() {
        active = tasks.poll();
        if (active != null) {
            pool.execute(active);
        }
    }
}
