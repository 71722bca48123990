package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.audit.AuditEntry;
import cloud.nextmcp.core.audit.AuditLog;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.Releases;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Config vars and releases: who reads values, which changes make releases, rollback's new release. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigAndReleasesApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final String DIGEST_A = "a".repeat(64);
    private static final String DIGEST_B = "b".repeat(64);

    static ApiClient api;
    static Jdbi jdbi;
    static ConfigVars configVars = new ConfigVars(TestApiApplication.SECRET_BOX);

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        TestApiApplication application = APP.getApplication();
        jdbi = application.jdbi();
    }

    /** What the builder does after a successful build: a build row, then a release of its artifact, made live. */
    private static Build deploy(TeamApp t, String commit, String digest) {
        Build build = jdbi.withHandle(h -> h.attach(BuildDao.class).enqueue(t.appId(), commit, "refs/heads/main", null));
        Release release = new Releases(jdbi, configVars).deploy(t.appId(), build.id(), digest,
                "Deploy " + commit.substring(0, 7), null);
        int madeLive = jdbi.withHandle(h -> h.attach(ReleaseDao.class).markLive(t.appId(), release.version()));
        assertThat(madeLive).isEqualTo(1);
        return build;
    }

    private static List<Release> releases(TeamApp t) {
        return jdbi.withHandle(h -> h.attach(ReleaseDao.class).recent(t.appId(), 100));
    }

    private static Map<String, Object> vars(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void membersReadAndChangeValuesViewersSeeOnlyKeysOutsidersNothing() {
        TeamApp t = TeamApp.create(api, jdbi);

        Reply set = api.patch(t.path("/config"), Map.of("DATABASE_URL", "postgres://u:p@db/x", "MODE", "fast"),
                t.member().token());

        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json()).isEqualTo(api.get(t.path("/config"), t.owner().token()).json());
        assertThat(api.get(t.path("/config"), t.member().token()).json().path("DATABASE_URL").asText())
                .isEqualTo("postgres://u:p@db/x");
        Reply viewed = api.get(t.path("/config"), t.viewer().token());
        assertThat(viewed.status()).isEqualTo(200);
        assertThat(viewed.json().path("DATABASE_URL").asText()).isEqualTo("********");
        assertThat(viewed.json().path("MODE").asText()).isEqualTo("********");
        assertThat(viewed.body()).doesNotContain("postgres://").doesNotContain("fast");

        assertProblem(api.patch(t.path("/config"), Map.of("MODE", "slow"), t.viewer().token()), 403,
                "changing config vars needs member or higher");
        assertProblem(api.get(t.path("/config"), t.outsider().token()), 404, "app '" + t.app() + "' not found");
        assertProblem(api.patch(t.path("/config"), Map.of("MODE", "slow"), t.outsider().token()), 404, "not found");
        assertThat(api.get(t.path("/config"), t.member().token()).json().path("MODE").asText()).isEqualTo("fast");
        // Stored sealed, never in clear.
        List<byte[]> stored = jdbi.withHandle(h -> h.createQuery("SELECT value_sealed FROM config_vars WHERE app_id = :id")
                .bind("id", t.appId()).mapTo(byte[].class).list());
        assertThat(stored).hasSize(2).allSatisfy(v -> assertThat(new String(v)).doesNotContain("fast"));
    }

    @Test
    void aConfigChangeMakesOneNewReleaseOfTheCurrentArtifactAndNotifies() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.patch(t.path("/config"), Map.of("OLD", "1", "KEEP", "2"), t.member().token()).status()).isEqualTo(200);
        assertThat(releases(t)).as("no release before the first deploy").isEmpty();
        deploy(t, "1a2b3c4d5e6f0000000000000000000000000000", DIGEST_A);

        Reply changed;
        try (Notifications apps = new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), "apps")) {
            changed = api.patch(t.path("/config"), vars("NEW", "3", "OLD", null), t.member().token());
            assertThat(apps.payloads()).containsExactly(Long.toString(t.appId()));
        }

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json()).isEqualTo(api.get(t.path("/config"), t.member().token()).json());
        assertThat(changed.json().properties()).extracting(Map.Entry::getKey).containsExactly("KEEP", "NEW");
        List<Release> releases = releases(t);
        assertThat(releases).extracting(Release::version).containsExactly(2, 1);
        Release v2 = releases.get(0);
        assertThat(v2.artifactDigest()).isEqualTo(DIGEST_A);
        assertThat(v2.buildId()).isEqualTo(releases.get(1).buildId());
        assertThat(v2.description()).isEqualTo("Set NEW; Remove OLD");
        assertThat(configVars.openSnapshot(t.appId(), v2.configSealed())).isEqualTo(Map.of("KEEP", "2", "NEW", "3"));

        assertThat(api.patch(t.path("/config"), vars("NEVER_SET", null), t.member().token()).status()).isEqualTo(200);
        assertThat(releases(t)).as("removing a key that is not there changes nothing").hasSize(2);

        long memberId = t.userId(api, t.member());
        List<AuditEntry> audit = jdbi.withHandle(h -> h.attach(AuditLog.class).byActor(memberId, 10));
        AuditEntry change = audit.stream().filter(e -> e.action().equals("config.change")).toList().get(1);
        assertThat(change.target()).isEqualTo(t.app());
        assertThat(change.detail()).contains("NEW").contains("OLD").contains("\"release\": 2").doesNotContain("\"3\"");
    }

    @Test
    void badConfigInputIsRefusedWithTheRule() {
        TeamApp t = TeamApp.create(api, jdbi);

        assertProblem(api.patch(t.path("/config"), Map.of(), t.member().token()), 422, "no config vars given");
        assertProblem(api.patch(t.path("/config"), Map.of("1BAD", "x"), t.member().token()), 422, "Invalid config var name '1BAD'");
        assertProblem(api.patch(t.path("/config"), Map.of("BIG", "x".repeat(40_000)), t.member().token()), 422, "longer than");
        assertProblem(api.patch(t.path("/config"), null, t.member().token()), 400, "needs a JSON body");
        assertProblem(api.patch(t.path("/config"), "{\"A\": ", t.member().token()), 400, "not valid JSON");
        assertThat(api.get(t.path("/config"), t.member().token()).json()).isEmpty();
    }

    @Test
    void releasesListNewestFirstWithTheirBuildAndShowTheirConfigKeys() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.get(t.path("/releases"), t.viewer().token()).json()).isEmpty();
        api.patch(t.path("/config"), Map.of("TOKEN", "s3cret"), t.member().token());
        Build build = deploy(t, "1a2b3c4d5e6f0000000000000000000000000000", DIGEST_A);
        api.patch(t.path("/config"), Map.of("MODE", "fast"), t.member().token());

        Reply listed = api.get(t.path("/releases"), t.viewer().token());

        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode releases = listed.json();
        assertThat(releases).hasSize(2);
        JsonNode v2 = releases.get(0);
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("description").asText()).isEqualTo("Set MODE");
        assertThat(v2.path("status").asText()).isEqualTo("pending");
        assertThat(v2.path("current").asBoolean()).isFalse();
        assertThat(v2.path("createdBy").asText()).isEqualTo(t.member().email());
        assertThat(v2.path("buildId").asLong()).isEqualTo(build.id());
        assertThat(v2.path("commit").asText()).isEqualTo("1a2b3c4d5e6f0000000000000000000000000000");
        assertThat(v2.has("configKeys")).isFalse();
        JsonNode v1 = releases.get(1);
        assertThat(v1.path("description").asText()).isEqualTo("Deploy 1a2b3c4");
        assertThat(v1.path("status").asText()).isEqualTo("live");
        assertThat(v1.path("current").asBoolean()).isTrue();
        assertThat(v1.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        JsonNode shown = api.get(t.path("/releases/2"), t.viewer().token()).json();
        assertThat(shown.path("configKeys")).extracting(JsonNode::asText).containsExactly("MODE", "TOKEN");
        assertThat(shown.toString()).doesNotContain("s3cret");
        assertThat(api.get(t.path("/releases/v1"), t.viewer().token()).json().path("configKeys"))
                .extracting(JsonNode::asText).containsExactly("TOKEN");
        assertProblem(api.get(t.path("/releases/9"), t.viewer().token()), 404, "release v9 of app '" + t.app() + "' not found");
        assertProblem(api.get(t.path("/releases/latest"), t.viewer().token()), 404, "versions are numbers");
        assertProblem(api.get(t.path("/releases"), t.outsider().token()), 404, "not found");
        assertProblem(api.get(t.path("/releases/1"), t.outsider().token()), 404, "app '" + t.app() + "' not found");
        assertProblem(api.get(t.path("/releases?limit=0"), t.viewer().token()), 422, "'limit'");
    }

    @Test
    void rollbackMakesANewReleaseOfTheOlderArtifactAndConfig() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        api.patch(t.path("/config"), Map.of("MODE", "old"), t.member().token());
        deploy(t, "1111111aaaa00000000000000000000000000000", DIGEST_A);
        api.patch(t.path("/config"), Map.of("MODE", "new"), t.member().token());
        int madeLive = jdbi.withHandle(h -> h.attach(ReleaseDao.class).markLive(t.appId(), 2));
        assertThat(madeLive).isEqualTo(1);
        deploy(t, "2222222bbbb00000000000000000000000000000", DIGEST_B);

        assertProblem(api.post(t.path("/releases/rollback"), Map.of(), t.viewer().token()), 403, "rolling back needs member");
        assertProblem(api.post(t.path("/releases/rollback"), Map.of(), t.outsider().token()), 404, "not found");
        Reply rolledBack;
        try (Notifications apps = new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), "apps")) {
            rolledBack = api.post(t.path("/releases/rollback"), Map.of(), t.member().token());
            assertThat(apps.payloads()).containsExactly(Long.toString(t.appId()));
        }

        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(201);
        assertThat(rolledBack.json().path("version").asInt()).isEqualTo(4);
        assertThat(rolledBack.json().path("description").asText()).isEqualTo("Rollback to v2");
        assertThat(rolledBack.json().path("status").asText()).isEqualTo("pending");
        assertThat(rolledBack.json().path("commit").asText()).isEqualTo("1111111aaaa00000000000000000000000000000");
        Release v4 = releases(t).get(0);
        assertThat(v4.artifactDigest()).isEqualTo(DIGEST_A);
        assertThat(api.get(t.path("/config"), t.member().token()).json().path("MODE").asText()).isEqualTo("new");

        Reply toV1 = api.post(t.path("/releases/rollback"), Map.of("version", 1), t.member().token());
        assertThat(toV1.status()).as(toV1.toString()).isEqualTo(201);
        assertThat(toV1.json().path("description").asText()).isEqualTo("Rollback to v1");
        assertThat(releases(t).get(0).artifactDigest()).isEqualTo(DIGEST_A);
        assertThat(api.get(t.path("/config"), t.member().token()).json().path("MODE").asText()).isEqualTo("old");

        long memberId = t.userId(api, t.member());
        List<AuditEntry> audit = jdbi.withHandle(h -> h.attach(AuditLog.class).byActor(memberId, 10));
        assertThat(audit).extracting(AuditEntry::action).startsWith("release.rollback", "release.rollback");

        assertProblem(api.post(t.path("/releases/rollback"), Map.of("version", 99), t.member().token()), 404,
                "release v99 of app '" + t.app() + "' not found");
        assertProblem(api.post(t.path("/releases/rollback"), Map.of("version", 0), t.member().token()), 422, "'version'");
        assertProblem(api.post(t.path("/releases/rollback"), "{\"version\": \"two\"}", t.member().token()), 400, "'version'");
        assertThat(releases(t)).hasSize(5);
    }

    @Test
    void rollbackWithoutALiveReleaseSaysWhy() {
        TeamApp t = TeamApp.create(api, jdbi);

        assertProblem(api.post(t.path("/releases/rollback"), null, t.member().token()), 422, "no live release to roll back from");
        deploy(t, "1a2b3c4d5e6f0000000000000000000000000000", DIGEST_A);
        assertProblem(api.post(t.path("/releases/rollback"), null, t.member().token()), 422, "no earlier release");
        assertThat(releases(t)).hasSize(1);
    }
}
