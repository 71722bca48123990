package cloud.nextmcp.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.testing.TestPostgres;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each limit's check against a real schema: what a hobby team may not do, and that billing off allows it all. */
class EntitlementsTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final BillingConfig ON = new BillingConfig(true, null, null, null, null,
            new StripeConfig(null, "sk_test", "whsec_test", Map.of("pro", "price_pro"), null, null, null));
    private static Jdbi jdbi;

    @BeforeAll
    static void database() {
        jdbi = TestPostgres.newDatabase().jdbi();
    }

    @Test
    void aHobbyTeamGetsTwoAppsAndTheRefusalNamesTheUpgrade() {
        Entitlements on = new Entitlements(ON, CLOCK);
        long team = jdbi.onDemand(TeamDao.class).insert("hobby-apps", true).id();
        AppDao apps = jdbi.onDemand(AppDao.class);
        for (String name : new String[] {"first-app", "second-app"}) {
            jdbi.useHandle(h -> on.requireAppSlot(h, team));
            apps.insert(name, team, null);
        }
        assertThatThrownBy(() -> jdbi.useHandle(h -> on.requireAppSlot(h, team)))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("the hobby plan allows 2 apps per team; `nextmcp billing upgrade pro`");
        assertThatCode(() -> jdbi.useHandle(h -> new Entitlements(BillingConfig.disabled(), CLOCK).requireAppSlot(h, team)))
                .doesNotThrowAnyException();
    }

    @Test
    void instancesDomainsAndPreviewsPerAppAreCheckedAndATeamOptionIsNamedForSharedTeams() {
        Entitlements on = new Entitlements(ON, CLOCK);
        long team = jdbi.onDemand(TeamDao.class).insert("acme", false).id();
        App app = jdbi.onDemand(AppDao.class).insert("acme-app", team, null);
        jdbi.useHandle(h -> on.requireInstances(h, app.id(), 1));
        assertThatThrownBy(() -> jdbi.useHandle(h -> on.requireInstances(h, app.id(), 2)))
                .hasMessage("the hobby plan allows 1 instance per app; `nextmcp billing upgrade pro --team acme`");
        assertThatThrownBy(() -> jdbi.useHandle(h -> on.requireDomainSlot(h, app.id(), 0)))
                .hasMessageStartingWith("the hobby plan has no custom domains");
        jdbi.useHandle(h -> on.requirePreviewSlot(h, app.id(), 0));
        assertThatThrownBy(() -> jdbi.useHandle(h -> on.requirePreviewSlot(h, app.id(), 1)))
                .hasMessageStartingWith("the hobby plan allows 1 preview deployment per app");
        Optional<Integer> memory = jdbi.withHandle(h -> on.memoryMbPerInstance(h, app.id()));
        assertThat(memory).contains(512);
        Entitlements off = new Entitlements(BillingConfig.disabled(), CLOCK);
        jdbi.useHandle(h -> {
            off.requireInstances(h, app.id(), 10);
            off.requireDomainSlot(h, app.id(), 50);
            off.requirePreviewSlot(h, app.id(), 50);
            assertThat(off.memoryMbPerInstance(h, app.id())).isEmpty();
        });
    }

    @Test
    void buildsAreRefusedOnceTheMonthsMinutesAreUsedWithTheResetDate() {
        Entitlements on = new Entitlements(new BillingConfig(true, Map.of("hobby",
                new PlanSettings(null, null, null, null, null, 2, null, null, null)), null, null, null, ON.stripe()), CLOCK);
        long team = jdbi.onDemand(TeamDao.class).insert("builder-team", true).id();
        App app = jdbi.onDemand(AppDao.class).insert("busy-app", team, null);
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        Build build = builds.enqueue(app.id(), SHA, "refs/heads/main", null);
        // 61 seconds: two started minutes, the whole allowance.
        jdbi.useHandle(h -> h.execute("UPDATE builds SET started_at = ?, finished_at = ?, status = 'succeeded' WHERE id = ?",
                CLOCK.instant().minusSeconds(120), CLOCK.instant().minusSeconds(59), build.id()));
        assertThat(jdbi.withHandle(h -> on.buildMinutes(h, team, on.standing(h, team))).used()).isEqualTo(2);
        assertThatThrownBy(() -> jdbi.useHandle(h -> on.requireBuildMinutes(h, app.id())))
                .hasMessage("the hobby plan allows 2 build minutes a month and this month's are used up; they reset on "
                        + "2026-12-01; `nextmcp billing upgrade pro`");
        // Recorded usage counts the same, also once the build row is gone with its app.
        assertThat(jdbi.onDemand(UsageDao.class).recordFinishedBuilds()).isEqualTo(1);
        assertThat(jdbi.withHandle(h -> on.buildMinutes(h, team, on.standing(h, team))).used()).isEqualTo(2);
    }
}
