package cloud.nextmcp.build.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.LogDao;
import cloud.nextmcp.core.builds.LogLine;
import cloud.nextmcp.core.testing.TestPostgres;
import java.time.Duration;
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

        int deleted = new LogRetention(jdbi, 10, Duration.ofMinutes(1)).prune();

        assertThat(deleted).isEqualTo(15);
        assertThat(logs.tail(chatty.id(), 100)).extracting(LogLine::line).first().isEqualTo("line 16");
        assertThat(logs.tail(chatty.id(), 100)).hasSize(10).last().extracting(LogLine::line).isEqualTo("line 25");
        assertThat(logs.tail(quiet.id(), 100)).extracting(LogLine::line).containsExactly("only line");
    }
}
