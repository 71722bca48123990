package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.PlanSettings;
import cloud.nextmcp.core.billing.StripeConfig;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A push whose team used the month's build minutes is refused before a build is queued, with the reset date. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildMinutesIT {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        BillingConfig hobbyWithOneMinute = new BillingConfig(true,
                Map.of("hobby", new PlanSettings(null, null, null, null, null, 1, null, null, null)), null, null, null,
                new StripeConfig(null, "sk_test", "whsec_test", Map.of("pro", "price_pro"), null, null, null));
        t = new TestGateway(dir, new GitGatewayConfig("127.0.0.1", 0, 0, null, null, Duration.ofMinutes(2), null, null, null),
                hobbyWithOneMinute);
    }

    @AfterAll
    void stop() throws Exception {
        t.close();
    }

    @Test
    void aPushBeyondTheMonthsBuildMinutesIsRejectedWithTheResetDateAndQueuesNothing() throws Exception {
        User owner = t.member("olga", "owner");
        App app = t.app("thrifty", owner);
        BuildDao builds = t.jdbi.onDemand(BuildDao.class);
        Build earlier = builds.enqueue(app.id(), SHA, "refs/heads/main", null);
        Instant now = Instant.now();
        t.jdbi.useHandle(h -> h.execute("UPDATE builds SET status = 'succeeded', started_at = ?, finished_at = ? WHERE id = ?",
                now.minusSeconds(30), now.minusSeconds(10), earlier.id()));
        TestGateway.Client client = t.client("olga", owner);
        Path dir = t.workTree(client.git(), "thrifty-src", "server.js", "console.log(1)".getBytes(StandardCharsets.UTF_8));

        GitCli.Result push = client.git().run(dir, "git", "push", t.sshUrl("thrifty.git"), "main").failed();

        LocalDate reset = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        assertThat(push.err()).contains("! [remote rejected] main -> main (the hobby plan allows 1 build minute a month "
                + "and this month's are used up; they reset on " + reset + "; `nextmcp billing upgrade pro --team forecasters`)");
        assertThat(builds.recent(app.id(), 10)).extracting(Build::id).containsExactly(earlier.id());
        assertThat(client.git().run(dir, "git", "ls-remote", t.sshUrl("thrifty.git")).ok().out()).isEmpty();
    }
}
