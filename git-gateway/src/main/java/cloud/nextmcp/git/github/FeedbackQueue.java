package cloud.nextmcp.git.github;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to GitHub run in the background, in order per key (one build, one pull request), each
 * tried again with back-off while GitHub fails (see {@link RetryPolicy}). A call that gives up is
 * logged and the next one of its key runs: feedback never holds up or fails a deploy.
 */
final class FeedbackQueue {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackQueue.class);

    interface Call {
        void run() throws IOException;
    }

    private final ScheduledExecutorService scheduler;
    private final RetryPolicy policy;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

    FeedbackQueue(ScheduledExecutorService scheduler, RetryPolicy policy) {
        this.scheduler = scheduler;
        this.policy = policy;
    }

    /** Runs {@code call} after the calls queued before it under {@code key}; {@code what} names it in the log. */
    synchronized CompletableFuture<Void> submit(String key, String what, Call call) {
        CompletableFuture<Void> tail = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = tail.thenCompose(ignored -> attempt(what, call, 1));
        tails.put(key, next);
        next.whenComplete((v, e) -> forget(key, next));
        return next;
    }

    private synchronized void forget(String key, CompletableFuture<Void> done) {
        tails.remove(key, done);
    }

    private CompletableFuture<Void> attempt(String what, Call call, int attempt) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        scheduler.execute(() -> run(what, call, attempt, result));
        return result;
    }

    private void run(String what, Call call, int attempt, CompletableFuture<Void> result) {
        try {
            call.run();
            if (attempt > 1) {
                LOG.info("GitHub feedback '{}' went through on try {}", what, attempt);
            }
            result.complete(null);
        } catch (IOException | RuntimeException e) {
            Optional<Duration> wait = e instanceof IOException io ? policy.next(attempt, io) : Optional.empty();
            if (wait.isEmpty()) {
                LOG.warn("GitHub feedback '{}' given up after try {}: {}", what, attempt, e.toString());
                result.complete(null);
                return;
            }
            LOG.warn("GitHub feedback '{}' failed (try {}), trying again in {} s: {}", what, attempt, wait.get().toSeconds(),
                    e.toString());
            try {
                scheduler.schedule(() -> run(what, call, attempt + 1, result), wait.get().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                LOG.info("GitHub feedback '{}' dropped: the platform is stopping", what);
                result.complete(null);
            }
        }
    }
}
