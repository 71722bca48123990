package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.build.sandbox.MemoryCap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One started process of an instance: its output goes line by line to the app's log (source
 * {@code web.N}), the last lines are kept for error messages, and it stops gracefully.
 */
final class InstanceProcess {
    private static final int KEPT_LINES = 3;

    private final String name;
    private final int port;
    private final Process process;
    private final boolean confined;
    private final MemoryCap memory;
    /** Whether the kernel killed it for its memory, read before its cgroup is removed; false when uncapped. */
    private final CompletableFuture<Boolean> outOfMemory;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Void> outputDone = new CompletableFuture<>();

    /** memory: the process's memory cgroup, removed once it exits; null when it runs uncapped. */
    InstanceProcess(long appId, String name, int port, Process process, boolean confined, MemoryCap memory, LogWriter logs) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.confined = confined;
        this.memory = memory;
        this.outOfMemory = memory == null ? CompletableFuture.completedFuture(false)
                : process.onExit().thenApplyAsync(p -> {
                    boolean killed = memory.oomKilled();
                    try {
                        memory.remove();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return killed;
                });
        Thread reader = new Thread(() -> pump(appId, logs), "output-" + appId + "-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(long appId, LogWriter logs) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                logs.append(appId, name, line);
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // The pipe closes when the process is killed; the exit itself is reported by onExit.
        } finally {
            outputDone.complete(null);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitStatus() {
        return process.exitValue();
    }

    /** "exited with status N", and why when the kernel killed it for going over its memory limit. */
    String describeExit(int status) {
        boolean killed;
        try {
            killed = outOfMemory.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            killed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killed = false;
        }
        return "exited with status " + status + (killed
                ? " (out of memory: it may use " + memory.megabytes() + " MiB, its plan's memory per instance)" : "");
    }

    /** Completes when the process has exited and its output has been read to the end. */
    CompletableFuture<Integer> onExit() {
        return process.onExit().thenCombine(outputDone, (p, done) -> p.exitValue())
                .thenCombine(outOfMemory, (status, killed) -> status);
    }

    /** The last non-blank line the process printed, for error messages. */
    Optional<String> lastOutput() {
        awaitOutput();
        synchronized (lastLines) {
            return lastLines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b);
        }
    }

    private void awaitOutput() {
        if (process.isAlive()) {
            return;
        }
        try {
            outputDone.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Output still being read; what is there so far will do for a message.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM, then SIGKILL after {@code grace}. Under bubblewrap the signal goes to the processes
     * inside the sandbox: killing bwrap itself would SIGKILL them without a chance to finish.
     */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> inside = process.descendants().toList();
        inside.forEach(ProcessHandle::destroy);
        if (!confined || inside.isEmpty()) {
            process.destroy();
        }
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
