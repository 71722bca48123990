package cloud.nextmcp.build.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.releases.ConfigVar;
import cloud.nextmcp.core.releases.ConfigVarDao;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.ReleaseStatus;
import cloud.nextmcp.core.releases.Releases;
import cloud.nextmcp.core.secrets.SecretBox;
import cloud.nextmcp.core.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The release, config var and formation records of core, against a real PostgreSQL. */
class ReleaseRecordsTest {
    private static final String DIGEST_A = "a".repeat(64);
    private static final String DIGEST_B = "b".repeat(64);
    private static Jdbi jdbi;
    private static ConfigVars configVars;
    private static Releases releases;
    private static long team;

    @BeforeAll
    static void database() {
        jdbi = TestPostgres.newDatabase().jdbi();
        configVars = new ConfigVars(new SecretBox(new SecureRandom().generateSeed(32), new SecureRandom()));
        releases = new Releases(jdbi, configVars);
        team = jdbi.onDemand(TeamDao.class).insert("records-team", false).id();
    }

    private static App app(String name) {
        return jdbi.onDemand(AppDao.class).insert(name, team, null);
    }

    @Test
    void concurrentReleasesOfOneAppGetDistinctConsecutiveVersions() throws Exception {
        App app = app("busy-app");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> creators = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                creators.add(() -> releases.deploy(app.id(), null, DIGEST_A, "concurrent", null).version());
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<Integer> v : pool.invokeAll(creators)) {
                versions.add(v.get());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void goingLiveSupersedesThePreviousReleaseAndOlderPendingOnes() {
        App app = app("live-app");
        ReleaseDao dao = jdbi.onDemand(ReleaseDao.class);
        releases.deploy(app.id(), null, DIGEST_A, "v1", null);
        assertThat(dao.markLive(app.id(), 1)).isOne();
        releases.deploy(app.id(), null, DIGEST_A, "v2", null);
        releases.deploy(app.id(), null, DIGEST_B, "v3", null);
        assertThat(dao.desired(app.id())).get().extracting(Release::version).isEqualTo(3);

        assertThat(dao.markLive(app.id(), 3)).isOne();

        assertThat(dao.recent(app.id(), 10)).extracting(Release::status)
                .containsExactly(ReleaseStatus.LIVE, ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED);
        assertThat(dao.markLive(app.id(), 2)).as("a settled release cannot go live").isZero();
        assertThat(dao.markFailed(app.id(), 3, "late")).as("a live release cannot fail").isZero();
    }

    @Test
    void configVarsAreStoredSealedAndBoundToTheirAppAndKey() {
        App app = app("secret-app");
        App other = app("other-app");
        assertThat(releases.setConfig(app.id(), Map.of("API_KEY", "s3cr3t", "MODE", "fast"), null))
                .as("no release yet: only the vars are stored").isEmpty();

        assertThat(releases.config(app.id())).containsExactly(Map.entry("API_KEY", "s3cr3t"), Map.entry("MODE", "fast"));
        List<ConfigVar> stored = jdbi.onDemand(ConfigVarDao.class).list(app.id());
        assertThat(stored).allSatisfy(v -> assertThat(new String(v.valueSealed(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t", "fast"));
        ConfigVar moved = new ConfigVar(other.id(), "API_KEY", stored.get(0).valueSealed(), stored.get(0).updatedAt());
        assertThatThrownBy(() -> configVars.open(moved)).hasMessageContaining("wrong master key or tampered data");

        assertThatThrownBy(() -> releases.setConfig(app.id(), Map.of("1BAD", "x"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid config var name '1BAD'");
    }

    @Test
    void configChangesAndRollbacksMakeReleasesOnceTheAppHasOne() {
        App app = app("history-app");
        ReleaseDao dao = jdbi.onDemand(ReleaseDao.class);
        releases.deploy(app.id(), null, DIGEST_A, "Deploy aaaaaaa", null);
        dao.markLive(app.id(), 1);
        Release v2 = releases.setConfig(app.id(), Map.of("GREETING", "hi"), null).orElseThrow();
        dao.markLive(app.id(), 2);
        Release v3 = releases.deploy(app.id(), null, DIGEST_B, "Deploy bbbbbbb", null);
        dao.markLive(app.id(), 3);
        releases.unsetConfig(app.id(), List.of("GREETING"), null);
        dao.markLive(app.id(), 4);

        assertThat(v2.artifactDigest()).isEqualTo(DIGEST_A);
        assertThat(configVars.openSnapshot(app.id(), v2.configSealed())).containsExactly(Map.entry("GREETING", "hi"));
        assertThat(configVars.openSnapshot(app.id(), v3.configSealed())).containsExactly(Map.entry("GREETING", "hi"));
        assertThat(releases.config(app.id())).isEmpty();

        Release v5 = releases.rollback(app.id(), 2, null);

        assertThat(v5.version()).isEqualTo(5);
        assertThat(v5.artifactDigest()).isEqualTo(DIGEST_A);
        assertThat(v5.description()).isEqualTo("Rollback to v2");
        assertThat(releases.config(app.id())).as("a rollback restores that release's config too")
                .containsExactly(Map.entry("GREETING", "hi"));
        assertThatThrownBy(() -> releases.rollback(app.id(), 42, null)).hasMessage("There is no release v42");
    }
}
