package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.logs.LogWriter;
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
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Void> outputDone = new CompletableFuture<>();

    InstanceProcess(long appId, String name, int port, Process process, boolean confined, LogWriter logs) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.confined = confined;
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

    /** Completes when the process has exited and its output has been read to the end. */
    CompletableFuture<Integer> onExit() {
        return process.onExit().thenCombine(outputDone, (p, done) -> p.exitValue());
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
