package cloud.nextmcp.git.receive;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.BuildStatus;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The follower without any NOTIFY: it must still see lines and the result by polling, and keep the pusher alive. */
class BuildFollowerTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void silentBuildsGetKeepalivesAndLinesAndResultArriveWithoutNotifications() throws Exception {
        Jdbi jdbi = TestPostgres.newDatabase().jdbi();
        long team = jdbi.onDemand(TeamDao.class).insert("t", false).id();
        App app = jdbi.onDemand(AppDao.class).insert("follow", team, null);
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        LogDao logs = jdbi.onDemand(LogDao.class);
        Build build = builds.enqueue(app.id(), SHA, "refs/heads/main", null);
        builds.claim("w", 60);
        logs.append(app.id(), build.id(), "build", "-----> first");

        BuildFollower follower = new BuildFollower(jdbi, new BuildSignals(), Duration.ofMillis(20),
                Duration.ofMillis(50), Duration.ofMinutes(1));
        List<String> seen = new ArrayList<>();
        // The build finishes only once the pusher got a keepalive, so the test needs no timing.
        Optional<Build> done = follower.follow(build, new BuildFollower.Sink() {
            @Override
            public void line(String line) {
                seen.add(line);
            }

            @Override
            public void keepalive(Duration waited) {
                if (!seen.contains("keepalive")) {
                    seen.add("keepalive");
                    logs.append(app.id(), build.id(), "build", "-----> last");
                    builds.succeed(build.id(), 2);
                }
            }
        });

        assertThat(done).get().extracting(Build::status, Build::releaseVersion).containsExactly(BuildStatus.SUCCEEDED, 2);
        assertThat(seen).containsExactly("-----> first", "keepalive", "-----> last");
    }
}
