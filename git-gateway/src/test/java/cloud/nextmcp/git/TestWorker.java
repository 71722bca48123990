package cloud.nextmcp.git;

import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The builder's side of the build contract, scripted by the test: claims the queued build,
 * writes log lines (NOTIFY logs, payload app id) and a result (NOTIFY builds, payload build id).
 */
final class TestWorker implements AutoCloseable {
    /** What the next claimed build does; {@code hold} (if set) is awaited before the result is written. */
    record Script(List<String> lines, Integer releaseVersion, String error, CountDownLatch hold) {
        static Script succeed(int version, String... lines) {
            return new Script(List.of(lines), version, null, null);
        }

        static Script fail(String error, String... lines) {
            return new Script(List.of(lines), null, error, null);
        }

        Script holdUntil(CountDownLatch latch) {
            return new Script(lines, releaseVersion, error, latch);
        }
    }

    private final Jdbi jdbi;
    private final EventBus events;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    TestWorker(Jdbi jdbi, EventBus events) {
        this.jdbi = jdbi;
        this.events = events;
        this.thread = new Thread(this::loop, "test-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void next(Script script) {
        scripts.add(script);
    }

    private void loop() {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        LogDao logs = jdbi.onDemand(LogDao.class);
        while (running) {
            try {
                Script script = scripts.poll(100, TimeUnit.MILLISECONDS);
                if (script == null) {
                    continue;
                }
                Optional<Build> claimed = Optional.empty();
                while (running && claimed.isEmpty()) {
                    claimed = builds.claim("test-worker", 600);
                    if (claimed.isEmpty()) {
                        Thread.sleep(20);
                    }
                }
                if (claimed.isEmpty()) {
                    return;
                }
                Build build = claimed.get();
                for (String line : script.lines()) {
                    logs.append(build.appId(), build.id(), "build", line);
                    events.publish(Channels.LOGS, Long.toString(build.appId()));
                }
                if (script.hold() != null) {
                    script.hold().await(120, TimeUnit.SECONDS);
                }
                if (script.error() != null) {
                    builds.fail(build.id(), script.error());
                } else {
                    builds.succeed(build.id(), script.releaseVersion());
                }
                events.publish(Channels.BUILDS, Long.toString(build.id()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
