package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.BuildStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A push that stops waiting for its build cancels it: the ref will not move, so the build must not go live. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushTimeoutIT {
    private TestGateway t;
    private App weather;
    private TestGateway.Client alices;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        t = new TestGateway(dir, new GitGatewayConfig("127.0.0.1", 0, 0, null, null, Duration.ofSeconds(3), null, null, null));
        User alice = t.member("alice", "member");
        weather = t.app("weather", alice);
        alices = t.client("alice", alice);
    }

    @AfterAll
    void stop() throws Exception {
        t.close();
    }

    @Test
    void aBuildThatOutlastsThePushIsCancelledAndTheRefStays() throws Exception {
        Path dir = t.workTree(alices.git(), "slow", "app.js", "slow".getBytes());
        CountDownLatch never = new CountDownLatch(1);
        t.worker.next(TestWorker.Script.succeed(1, "-----> a very slow build").holdUntil(never));

        GitCli.Result push = alices.git().run(dir, "git", "push", t.sshUrl("weather.git"), "main").failed();
        never.countDown();

        Build build = t.jdbi.onDemand(BuildDao.class).recent(weather.id(), 1).get(0);
        assertThat(push.err()).contains("build " + build.id() + " did not finish in time and was cancelled; push again");
        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).isEqualTo("the push stopped waiting for it; push again");
        assertThat(t.serverRef(weather, "refs/heads/main")).isNull();
    }
}
