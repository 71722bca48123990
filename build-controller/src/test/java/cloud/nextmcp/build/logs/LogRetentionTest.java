package cloud.nextmcp.build.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.billing.StripeConfig;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.builds.LogLine;
import cloud.nextmcp.core.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class LogRetentionTest {
    @Test
    void keepsOnlyTheNewestLinesOfEachApp() {
        Jdbi jdbi = TestPostgres.newDatabase().jdbi();
        long team = jdbi.onDemand(TeamDao.class).insert("logs-team", false).id();
        App chatty = jdbi.onDemand(AppDao.class).insert("chatty-app", team, null);
        App quiet = jdbi.onDemand(AppDao.class).insert("quiet-app", team, null);
        LogDao logs = jdbi.onDemand(LogDao.class);
        for (int i = 1; i <= 25; i++) {
            logs.append(chatty.id(), null, "web.1", "line " + i);
        }
        logs.append(quiet.id(), null, "platform", "only line");

        int deleted = new LogRetention(jdbi, 10, Duration.ofMinutes(1), new Entitlements(BillingConfig.disabled(), Clock.systemUTC()))
                .prune();

        assertThat(deleted).isEqualTo(15);
        assertThat(logs.tail(chatty.id(), 100)).extracting(LogLine::line).first().isEqualTo("line 16");
        assertThat(logs.tail(chatty.id(), 100)).hasSize(10).last().extracting(LogLine::line).isEqualTo("line 25");
        assertThat(logs.tail(quiet.id(), 100)).extracting(LogLine::line).containsExactly("only line");
    }

    @Test
    void linesOlderThanThePlanKeepsLogsGo() {
        Jdbi jdbi = TestPostgres.newDatabase().jdbi();
        long team = jdbi.onDemand(TeamDao.class).insert("hobby-team", false).id();
        App app = jdbi.onDemand(AppDao.class).insert("old-logs-app", team, null);
        LogDao logs = jdbi.onDemand(LogDao.class);
        logs.append(app.id(), null, "web.1", "three days old");
        logs.append(app.id(), null, "web.1", "an hour old");
        logs.append(app.id(), null, "web.1", "just now");
        jdbi.useHandle(h -> {
            h.execute("UPDATE log_lines SET at = now() - interval '3 days' WHERE line = 'three days old'");
            h.execute("UPDATE log_lines SET at = now() - interval '1 hour' WHERE line = 'an hour old'");
        });
        // The hobby plan keeps logs for one day.
        BillingConfig billing = new BillingConfig(true, null, null, null, null,
                new StripeConfig(null, "sk_test", "whsec_test", Map.of("pro", "price_pro"), null, null, null));

        int deleted = new LogRetention(jdbi, 1000, Duration.ofMinutes(1), new Entitlements(billing, Clock.systemUTC())).prune();

        assertThat(deleted).isEqualTo(1);
        assertThat(logs.tail(app.id(), 100)).extracting(LogLine::line).containsExactly("an hour old", "just now");
        assertThat(new LogRetention(jdbi, 1000, Duration.ofMinutes(1),
                new Entitlements(BillingConfig.disabled(), Clock.systemUTC())).prune()).as("billing off: kept").isZero();
    }
}
