package cloud.nextmcp.build.builds;

import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.builds.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Waits for builds to end and reads their output, as the waiting push does: from the rows. */
final class FinishedBuilds {
    private final Jdbi jdbi;
    private final Duration timeout;

    FinishedBuilds(Jdbi jdbi, Duration timeout) {
        this.jdbi = jdbi;
        this.timeout = timeout;
    }

    Build await(Build build) throws InterruptedException {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Build current = builds.findById(build.id()).orElseThrow();
            if (current.status().terminal()) {
                return current;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("build " + build.id() + " did not finish within " + timeout + "; log:\n"
                + String.join("\n", log(build)));
    }

    List<String> log(Build build) {
        return jdbi.onDemand(LogDao.class).buildLinesAfter(build.id(), 0, 100_000).stream().map(LogLine::line).toList();
    }
}
