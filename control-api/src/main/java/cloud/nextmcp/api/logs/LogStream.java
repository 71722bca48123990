package cloud.nextmcp.api.logs;

import cloud.nextmcp.core.builds.LogLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.server.ChunkedOutput;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One follower's {@code text/event-stream}: an event per log line ({@code id:} the line's id,
 * {@code data:} the formatted line), woken by {@link LogSignals} and by a fallback poll, with a
 * comment as keepalive. Runs on a thread of its own and writes through a {@link ChunkedOutput},
 * which Jersey sends at once (a StreamingOutput would sit in Jersey's response buffer). It ends
 * when a write fails (the client went away) or its thread is interrupted (the server stops).
 * No database connection is held between reads.
 */
final class LogStream implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogStream.class);
    static final int BATCH = 500;

    private final Jdbi jdbi;
    private final LogSignals signals;
    private final long appId;
    private final String source;
    private final List<LogLine> history;
    private final long startAfter;
    private final Duration poll;
    private final Duration keepalive;
    private final ChunkedOutput<String> output = new ChunkedOutput<>(String.class);

    /**
     * @param history    lines to send first (the tail), oldest first
     * @param startAfter the id after which to follow (the last history line's, or a client's Last-Event-ID)
     */
    LogStream(Jdbi jdbi, LogSignals signals, long appId, String source, List<LogLine> history, long startAfter,
              Duration poll, Duration keepalive) {
        this.jdbi = jdbi;
        this.signals = signals;
        this.appId = appId;
        this.source = source;
        this.history = history;
        this.startAfter = startAfter;
        this.poll = poll;
        this.keepalive = keepalive;
    }

    /** What the resource answers with; this stream writes into it from its own thread. */
    ChunkedOutput<String> output() {
        return output;
    }

    @Override
    public void run() {
        LogSignals.Waiter waiter = signals.register(appId);
        try {
            send("retry: 1000\n\n");
            long after = startAfter;
            StringBuilder events = new StringBuilder();
            history.forEach(line -> event(events, line));
            send(events.toString());
            long lastWrite = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                long from = after;
                List<LogLine> lines = jdbi.withHandle(h -> h.attach(AppLogs.class).after(appId, source, from, BATCH));
                if (!lines.isEmpty()) {
                    StringBuilder batch = new StringBuilder();
                    lines.forEach(line -> event(batch, line));
                    send(batch.toString());
                    after = lines.get(lines.size() - 1).id();
                    lastWrite = System.nanoTime();
                    if (lines.size() == BATCH) {
                        continue;
                    }
                } else if (System.nanoTime() - lastWrite >= keepalive.toNanos()) {
                    send(": keepalive\n\n");
                    lastWrite = System.nanoTime();
                }
                waiter.await(poll.toMillis());
            }
        } catch (IOException e) {
            LOG.debug("Log stream of app {} ended: the client went away ({})", appId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("Log stream of app {} ended: the server is stopping", appId);
        } catch (RuntimeException e) {
            LOG.error("Log stream of app {} failed", appId, e);
        } finally {
            signals.unregister(waiter);
            close();
        }
    }

    private void send(String chunk) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        output.write(chunk);
        if (output.isClosed()) {
            throw new IOException("the response was closed");
        }
    }

    private void close() {
        try {
            output.close();
        } catch (IOException e) {
            LOG.debug("Closing the log stream of app {} failed: {}", appId, e.toString());
        }
    }

    private static void event(StringBuilder event, LogLine line) {
        event.append("id: ").append(line.id()).append('\n');
        // A data field ends at a line break; a line holding one becomes several data fields, which SSE joins with \n.
        for (String part : LogLineFormat.format(line).split("\r\n|\r|\n", -1)) {
            event.append("data: ").append(part).append('\n');
        }
        event.append('\n');
    }
}
