package cloud.nextmcp.core.builds;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.testing.TestPostgres;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BuildQueueTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static Jdbi jdbi;
    private static App app;

    @BeforeAll
    static void database() {
        jdbi = TestPostgres.newDatabase().jdbi();
        long team = jdbi.onDemand(TeamDao.class).insert("queue-team", false).id();
        app = jdbi.onDemand(AppDao.class).insert("queue-app", team, null);
    }

    @Test
    void twoWorkersNeverClaimTheSameBuildAndAnExpiredLeaseIsTakenAgain() {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        Build queued = builds.enqueue(app.id(), SHA, "refs/heads/main", null);
        assertThat(queued.status()).isEqualTo(BuildStatus.QUEUED);

        Optional<Build> first = builds.claim("worker-a", 60);
        Optional<Build> second = builds.claim("worker-b", 60);
        assertThat(first).get().extracting(Build::id).isEqualTo(queued.id());
        assertThat(first.get().status()).isEqualTo(BuildStatus.RUNNING);
        assertThat(second).isEmpty();

        // worker-a dies: its lease lapses, and worker-b takes the build over.
        jdbi.useHandle(h -> h.execute("UPDATE builds SET lease_expires_at = now() - interval '1 second' WHERE id = ?", queued.id()));
        Optional<Build> retaken = builds.claim("worker-b", 60);
        assertThat(retaken).get().extracting(Build::worker, Build::attempts).containsExactly("worker-b", 2);
        assertThat(builds.renewLease(queued.id(), "worker-a", 60)).isZero();
        assertThat(builds.renewLease(queued.id(), "worker-b", 60)).isOne();

        assertThat(builds.succeed(queued.id(), 1)).isOne();
        assertThat(builds.findById(queued.id())).get()
                .extracting(Build::status, Build::releaseVersion).containsExactly(BuildStatus.SUCCEEDED, 1);
        assertThat(builds.claim("worker-c", 60)).isEmpty();
    }

    @Test
    void logLinesAreReadBackInOrderAfterACursor() {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        LogDao logs = jdbi.onDemand(LogDao.class);
        Build build = builds.enqueue(app.id(), SHA, "refs/heads/main", null);
        for (int i = 1; i <= 5; i++) {
            logs.append(app.id(), build.id(), "build", "line " + i);
        }
        var firstTwo = logs.buildLinesAfter(build.id(), 0, 2);
        assertThat(firstTwo).extracting(LogLine::line).containsExactly("line 1", "line 2");
        var rest = logs.buildLinesAfter(build.id(), firstTwo.get(1).id(), 100);
        assertThat(rest).extracting(LogLine::line).containsExactly("line 3", "line 4", "line 5");
        builds.fail(build.id(), "test over");
    }
}
