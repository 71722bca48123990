package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.releases.Release;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.releases.ReleaseStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeIT {
    @TempDir
    static Path tmp;
    static RuntimeFixture f;

    @BeforeAll
    static void start() {
        f = new RuntimeFixture(tmp);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aNewReleaseGoesLiveAndTheOldInstanceIsStopped() throws Exception {
        App app = f.app("rollout-app");
        List<String> pushOutput = new ArrayList<>();
        assertThat(f.deploy(app, f.apps.server("one"), pushOutput)).isEqualTo(1);
        assertThat(pushOutput).containsExactly("-----> Releasing v1...");
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
        List<Map<String, Object>> first = f.instances(app.id());
        assertThat(first).singleElement().satisfies(row -> {
            assertThat(row.get("state")).isEqualTo("healthy");
            assertThat(row.get("release_version")).isEqualTo(1);
            assertThat((String) row.get("address")).startsWith("127.0.0.1:");
        });
        Object oldAddress = first.get(0).get("address");
        assertThat(f.get(oldAddress, "/")).isEqualTo("one v1 None");

        assertThat(f.deploy(app, f.apps.server("two"))).isEqualTo(2);
        assertThat(f.routedVersion(app.id())).isEqualTo(2);
        assertThat(f.answer(app.id())).isEqualTo("two v2 None");
        List<Map<String, Object>> after = Eventually.until(() -> f.instances(app.id()), l -> l.size() == 1, "the old instance to go");
        assertThat(after.get(0).get("release_version")).isEqualTo(2);
        assertThat(f.get(oldAddress, "/")).as("the old process is stopped").isNull();
        ReleaseDao releases = f.jdbi.onDemand(ReleaseDao.class);
        assertThat(releases.recent(app.id(), 10)).extracting(Release::version, Release::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, ReleaseStatus.LIVE),
                        org.assertj.core.groups.Tuple.tuple(1, ReleaseStatus.SUPERSEDED));
        assertThat(f.logLines(app.id(), "web.1")).contains("listening on " + after.get(0).get("address").toString().split(":")[1]);
    }

    @Test
    void aReleaseThatNeverBecomesHealthyFailsAndTheOldOneKeepsServing() throws Exception {
        App app = f.app("failing-app");
        f.deploy(app, f.apps.server("good"));
        Artifact broken = f.apps.broken();

        assertThatThrownBy(() -> f.deploy(app, broken))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("v2 failed: web.1 exited with status 1 before it became healthy")
                .hasMessageContaining("boom: cannot find module express")
                .hasMessageContaining("the previous release keeps serving");

        assertThat(f.jdbi.onDemand(ReleaseDao.class).find(app.id(), 2)).get()
                .extracting(Release::status).isEqualTo(ReleaseStatus.FAILED);
        assertThat(f.routedVersion(app.id())).isEqualTo(1);
        assertThat(f.answer(app.id())).isEqualTo("good v1 None");
        assertThat(f.instances(app.id())).hasSize(1);
    }

    @Test
    void aCrashedInstanceIsRestartedAndTheRestartIsCounted() throws Exception {
        App app = f.app("crashing-app");
        f.deploy(app, f.apps.server("sturdy"));
        Object address = f.served(app.id()).get(0).get("address");

        assertThat(f.get(address, "/crash")).isNull();

        List<Map<String, Object>> back = Eventually.until(() -> f.served(app.id()),
                l -> l.size() == 1 && Integer.valueOf(1).equals(l.get(0).get("restarts")), "the instance to be back");
        assertThat(f.get(back.get(0).get("address"), "/")).isEqualTo("sturdy v1 None");
        assertThat(f.logLines(app.id(), "web.1")).contains("crashing on purpose");
        assertThat(f.logLines(app.id(), "platform")).anySatisfy(l -> assertThat(l).startsWith("web.1 exited with status 3"));
    }

    @Test
    void aConfigChangeMakesANewReleaseThatCarriesTheValue() throws Exception {
        App app = f.app("config-app");
        f.deploy(app, f.apps.server("cfg"));

        Release v2 = f.releases.setConfig(app.id(), Map.of("GREETING", "hello"), null).orElseThrow();

        assertThat(v2.version()).isEqualTo(2);
        Eventually.until(() -> f.routedVersion(app.id()), v -> v == 2, "the route to switch to v2");
        assertThat(f.answer(app.id())).isEqualTo("cfg v2 hello");
        assertThat(f.releases.config(app.id())).containsExactly(Map.entry("GREETING", "hello"));
    }

    @Test
    void aRollbackMakesANewReleaseFromTheOldArtifactWithoutABuild() throws Exception {
        App app = f.app("rollback-app");
        Artifact one = f.apps.server("first");
        f.deploy(app, one);
        f.deploy(app, f.apps.server("second"));
        int builds = f.jdbi.onDemand(BuildDao.class).recent(app.id(), 100).size();

        Release v3 = f.releases.rollback(app.id(), null, null);

        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.artifactDigest()).isEqualTo(one.digest());
        assertThat(v3.description()).isEqualTo("Rollback to v1");
        Eventually.until(() -> f.routedVersion(app.id()), v -> v == 3, "the route to switch to v3");
        assertThat(f.answer(app.id())).isEqualTo("first v3 None");
        assertThat(f.jdbi.onDemand(BuildDao.class).recent(app.id(), 100)).hasSize(builds);
    }

    @Test
    void scalingAddsAndRemovesInstancesAndARestartReplacesThem() throws Exception {
        App app = f.app("scaled-app");
        f.deploy(app, f.apps.server("many"));

        f.releases.scale(app.id(), "web", 2);
        List<Map<String, Object>> two = Eventually.until(() -> f.served(app.id()), l -> l.size() == 2, "two instances");
        for (Map<String, Object> row : two) {
            assertThat(f.get(row.get("address"), "/")).isEqualTo("many v1 None");
        }

        f.releases.restart(app.id());
        Eventually.until(() -> f.instances(app.id()),
                l -> l.size() == 2 && l.stream().noneMatch(r -> two.stream().anyMatch(o -> o.get("id").equals(r.get("id")))),
                "two new instances to replace the old ones");

        f.releases.scale(app.id(), "web", 1);
        Eventually.until(() -> f.instances(app.id()), l -> l.size() == 1, "one instance");
        assertThat(f.answer(app.id())).isEqualTo("many v1 None");
    }

    @Test
    void anInstanceSeesNeitherTheDataDirectoryNorAWritableArtifact() throws Exception {
        Prerequisites.require(f.sandbox.confining(), "a working bubblewrap");
        Path secret = Files.createDirectories(f.data.secrets()).resolve("master.key");
        Files.writeString(secret, "not for apps");
        App app = f.app("probe-app");

        f.deploy(app, f.apps.probe(secret));

        assertThat(f.answer(app.id())).isEqualTo("secret:False app:read-only tmp:writable");
    }

    @Test
    void aDestroyedAppsInstancesAreStopped() throws Exception {
        App app = f.app("doomed-app");
        f.deploy(app, f.apps.server("bye"));
        Object address = f.served(app.id()).get(0).get("address");

        f.jdbi.onDemand(AppDao.class).delete(app.id());
        f.events.publish(Channels.APPS, Long.toString(app.id()));

        Eventually.until(() -> f.get(address, "/"), answer -> answer == null, "the destroyed app's process to stop");
    }
}
